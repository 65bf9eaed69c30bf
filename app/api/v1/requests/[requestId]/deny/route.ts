import { denyRequest } from "@/lib/admin/approve-or-deny";
import { denyBody } from "@/lib/api/contract";
import { decideForCaller } from "@/lib/api/requests";
import { apiRoute } from "@/lib/api/route";

/** POST /api/v1/requests/{requestId}/deny: { reason } (optional, emailed), as the token's creator. */
export const POST = apiRoute<{ requestId: string }>(
  "requests.deny",
  { scope: "requests:decide", limit: "apiDecision", body: denyBody },
  async ({ params, caller, body }) => ({
    body: await decideForCaller(caller, denyRequest, params, body),
  }),
);
