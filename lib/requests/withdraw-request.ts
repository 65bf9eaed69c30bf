import { defineMutation } from "@/lib/actions/mutation";
import { recordStatusChange } from "@/lib/audit/record";
import { emitRequestEvent } from "@/lib/webhooks/emit";
import { explainUnchangedRequest } from "./own-request";
import { requestIdSchema } from "./schema";

/** The requester withdraws their pending request; administrators no longer see it as pending. */
export const withdrawRequest = defineMutation({
  name: "request.withdraw",
  input: requestIdSchema,
  async run({ actor, input, tx }) {
    const { count } = await tx.accessRequest.updateMany({
      where: { id: input.requestId, requesterId: actor.id, status: "PENDING" },
      data: { status: "WITHDRAWN", decidedAt: new Date() },
    });
    if (count === 0) throw await explainUnchangedRequest(tx, input.requestId, actor.id);
    await recordStatusChange(tx, {
      actorId: actor.id,
      action: "request.withdrawn",
      subjectType: "AccessRequest",
      subjectId: input.requestId,
      from: "PENDING",
      to: "WITHDRAWN",
    });
    await emitRequestEvent(tx, "request.withdrawn", input.requestId);
    return { status: "WITHDRAWN" as const };
  },
});
