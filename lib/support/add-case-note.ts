import { defineMutation } from "@/lib/actions/mutation";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { assertSupportStaff } from "./access";
import { caseNoteSchema } from "./schema";

/**
 * Support staff add a note to a support case (open or closed: a later call from the requester is
 * worth writing down). One of the two things SUPPORT may change; audited.
 */
export const addSupportCaseNote = defineMutation({
  name: "support.addCaseNote",
  input: caseNoteSchema,
  allowSupportStaff: true,
  async run({ actor, input, tx }) {
    await assertSupportStaff(actor, tx);
    const supportCase = await tx.supportCase.findUnique({
      where: { id: input.caseId },
      select: { id: true, requestId: true },
    });
    if (!supportCase) throw new AppError("NOT_FOUND", "No such support case");
    const note = await tx.supportCaseNote.create({
      data: { caseId: supportCase.id, authorId: actor.id, body: input.body },
      select: { id: true, createdAt: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "supportCase.noteAdded",
      subjectType: "SupportCase",
      subjectId: supportCase.id,
      after: { noteId: note.id, body: input.body },
    });
    return { noteId: note.id };
  },
});
