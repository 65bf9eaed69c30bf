import { defineMutation } from "@/lib/actions/mutation";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { enqueueEmail } from "@/lib/mail/outbox";
import { absoluteUrl } from "./notify";
import { displayName, supportRecipients } from "./recipients";
import { supportCaseSchema } from "./schema";

/** The requester opens a support case about one of their requests; support staff are emailed. */
export const openSupportCase = defineMutation({
  name: "request.openSupportCase",
  input: supportCaseSchema,
  async run({ actor, input, tx }) {
    const request = await tx.accessRequest.findFirst({
      where: { id: input.requestId, requesterId: actor.id },
      select: {
        id: true,
        domain: true,
        requester: { select: { email: true, firstName: true, lastName: true } },
        account: { select: { name: true } },
      },
    });
    if (!request) throw new AppError("NOT_FOUND", "No such request");
    const supportCase = await tx.supportCase.create({
      data: { requestId: request.id, openedById: actor.id, message: input.message },
      select: { id: true },
    });
    for (const recipient of await supportRecipients(tx)) {
      await enqueueEmail(tx, {
        to: recipient.email,
        template: "support-case-opened",
        locale: recipient.locale,
        requestId: request.id,
        payload: {
          requesterName: displayName(request.requester),
          requesterEmail: request.requester.email,
          accountName: request.account.name,
          domain: request.domain,
          url: absoluteUrl(`/support/requests/${request.id}`),
          message: input.message,
        },
      });
    }
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
