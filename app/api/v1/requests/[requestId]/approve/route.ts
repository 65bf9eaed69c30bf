import { jsonBody } from "@/lib/api/input";
import { decideForCaller } from "@/lib/api/requests";
import { apiRoute } from "@/lib/api/route";

/** POST /api/v1/requests/{requestId}/approve: { role } (USER by default), as the token's creator. */
export const POST = apiRoute<{ requestId: string }>(
  "requests.approve",
  { scope: "requests:decide", limit: "apiDecision" },
  async ({ request, params, caller }) => ({
    body: await decideForCaller(caller, params.requestId, await jsonBody(request), "approve"),
  }),
);
