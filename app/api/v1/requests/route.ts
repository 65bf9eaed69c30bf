import { queryOf } from "@/lib/api/input";
import { listRequestsForCaller } from "@/lib/api/requests";
import { apiRoute, jsonRead } from "@/lib/api/route";

/** GET /api/v1/requests: the queue of the token's accounts, the admin queue's filters and cursors. */
export const GET = apiRoute(
  "requests.list",
  { scope: "requests:read", limit: "apiRead" },
  async ({ request, url, caller }) =>
    jsonRead(request, await listRequestsForCaller(caller, queryOf(url))),
);
