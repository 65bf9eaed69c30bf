import { listAccountsForCaller } from "@/lib/api/members";
import { apiRoute, jsonRead } from "@/lib/api/route";

/** GET /api/v1/accounts: the accounts the token reaches now (any scope). */
export const GET = apiRoute(
  "accounts.list",
  { scope: null, limit: "apiRead" },
  async ({ request, caller }) => jsonRead(request, await listAccountsForCaller(caller)),
);
