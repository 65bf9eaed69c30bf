import { accessCheck } from "@/lib/api/access-check";
import { jsonBody } from "@/lib/api/input";
import { removeMemberForCaller, updateMemberForCaller } from "@/lib/api/member-changes";
import { apiRoute } from "@/lib/api/route";

type Params = { accountId: string; email: string };

/** GET /api/v1/accounts/{accountId}/members/{email}: the access check (role, since, until, or 404). */
export const GET = accessCheck;

/** PATCH: a new role and/or a later end date (or none), as the token's creator; answers the member. */
export const PATCH = apiRoute<Params>(
  "members.update",
  { scope: "members:write", limit: "apiDecision" },
  async ({ request, params, caller }) => ({
    body: await updateMemberForCaller(caller, params, await jsonBody(request)),
  }),
);

/** DELETE: ends the member's access, with an optional `reason` they are emailed; answers the member, inactive. */
export const DELETE = apiRoute<Params>(
  "members.remove",
  { scope: "members:write", limit: "apiDecision" },
  async ({ request, params, caller }) => ({
    body: await removeMemberForCaller(caller, params, await jsonBody(request)),
  }),
);
