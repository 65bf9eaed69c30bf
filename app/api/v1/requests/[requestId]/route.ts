import { getRequestForCaller } from "@/lib/api/requests";
import { apiRoute, jsonRead } from "@/lib/api/route";

/** GET /api/v1/requests/{requestId}: one request of the token's accounts. */
export const GET = apiRoute<{ requestId: string }>(
  "requests.get",
  { scope: "requests:read", limit: "apiRead" },
  async ({ request, params, caller }) =>
    jsonRead(request, await getRequestForCaller(caller, params)),
);
