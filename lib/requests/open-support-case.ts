import { defineMutation } from "@/lib/actions/mutation";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { consumeRateLimit } from "@/lib/rate-limit";
import { notifySupport, requestNoticeSelect } from "./notify";
import { supportCaseSchema } from "./schema";

/** The requester opens a support case about one of their requests; support staff are emailed. */
export const openSupportCase = defineMutation({
  name: "request.openSupportCase",
  input: supportCaseSchema,
  async run({ actor, input, tx }) {
    await consumeRateLimit("openSupportCase", actor.id);
    const request = await tx.accessRequest.findFirst({
      where: { id: input.requestId, requesterId: actor.id },
      select: requestNoticeSelect,
    });
    if (!request) throw new AppError("NOT_FOUND", "No such request");
    const supportCase = await tx.supportCase.create({
      data: { requestId: request.id, openedById: actor.id, message: input.message },
      select: { id: true },
    });
    await notifySupport(tx, request, {
      template: "support-case-opened",
      extra: { message: input.message },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "request.supportCaseOpened",
      subjectType: "AccessRequest",
      subjectId: request.id,
      after: { supportCaseId: supportCase.id, message: input.message },
    });
    return { supportCaseId: supportCase.id };
  },
});
