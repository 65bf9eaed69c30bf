import { queryOf } from "@/lib/api/input";
import { listMembersForCaller } from "@/lib/api/members";
import { apiRoute, jsonRead } from "@/lib/api/route";

/** GET /api/v1/accounts/{accountId}/members: who has access to the account, with which role and until when. */
export const GET = apiRoute<{ accountId: string }>(
  "members.list",
  { scope: "members:read", limit: "apiRead" },
  async ({ request, url, params, caller }) =>
    jsonRead(request, await listMembersForCaller(caller, params, queryOf(url))),
);
