import { defineMutation } from "@/lib/actions/mutation";
import { recordStatusChange } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { assertSupportStaff } from "./access";
import { closeCaseSchema } from "./schema";

/**
 * Support staff close an open support case. The status is checked in the UPDATE itself, so two
 * people closing at once close it once and the second is told it is already closed.
 */
export const closeSupportCase = defineMutation({
  name: "support.closeCase",
  input: closeCaseSchema,
  allowSupportStaff: true,
  async run({ actor, input, tx }) {
    await assertSupportStaff(actor, tx);
    const closedAt = new Date();
    const { count } = await tx.supportCase.updateMany({
      where: { id: input.caseId, status: "OPEN" },
      data: { status: "CLOSED", closedAt, closedById: actor.id },
    });
    if (count === 0) {
      const existing = await tx.supportCase.findUnique({
        where: { id: input.caseId },
        select: { status: true },
      });
      if (!existing) throw new AppError("NOT_FOUND", "No such support case");
      throw new AppError("CONFLICT", "The support case is already closed", {
        fieldErrors: { _form: "caseAlreadyClosed" },
      });
    }
    await recordStatusChange(tx, {
      actorId: actor.id,
      action: "supportCase.closed",
      subjectType: "SupportCase",
      subjectId: input.caseId,
      from: "OPEN",
      to: "CLOSED",
    });
    return { status: "CLOSED" as const, closedAt };
  },
});
