import { accessCheck } from "@/lib/api/access-check";
import { memberRemoveBody, memberUpdateBody } from "@/lib/api/contract";
import { removeMemberForCaller, updateMemberForCaller } from "@/lib/api/member-changes";
import { apiRoute } from "@/lib/api/route";

type Params = { accountId: string; email: string };

/** GET /api/v1/accounts/{accountId}/members/{email}: the access check (role, since, until, or 404). */
export const GET = accessCheck;

/** PATCH: a new role and/or a later end date (or none), as the token's creator; answers the member. */
export const PATCH = apiRoute<Params>(
  "members.update",
  { scope: "members:write", limit: "apiDecision", body: memberUpdateBody },
  async ({ params, caller, body }) => ({
    body: await updateMemberForCaller(caller, params, body),
  }),
);

/** DELETE: ends the member's access, with an optional `reason` they are emailed; answers the member, inactive. */
export const DELETE = apiRoute<Params>(
  "members.remove",
  { scope: "members:write", limit: "apiDecision", body: memberRemoveBody },
  async ({ params, caller, body }) => ({
    body: await removeMemberForCaller(caller, params, body),
  }),
);
