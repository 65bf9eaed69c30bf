import { approveRequest } from "@/lib/admin/approve-or-deny";
import { approveBody } from "@/lib/api/contract";
import { decideForCaller } from "@/lib/api/requests";
import { apiRoute } from "@/lib/api/route";

/** POST /api/v1/requests/{requestId}/approve: { role } (USER by default), as the token's creator. */
export const POST = apiRoute<{ requestId: string }>(
  "requests.approve",
  { scope: "requests:decide", limit: "apiDecision", body: approveBody },
  async ({ params, caller, body }) => ({
    body: await decideForCaller(caller, approveRequest, params, body),
  }),
);
