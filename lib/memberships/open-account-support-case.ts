import { defineMutation } from "@/lib/actions/mutation";
import { recordAudit } from "@/lib/audit/record";
import { displayName } from "@/lib/people";
import { consumeRateLimit } from "@/lib/rate-limit";
import { emailSupport } from "@/lib/requests/recipients";
import { absoluteUrl } from "@/lib/urls";
import { membershipInForceWhere } from "./active-admin";
import { membershipNotFound } from "./refusals";
import { accountSupportCaseSchema } from "./schema";

/**
 * A member of an account asks support about it: typically its last administrator, who may not
 * leave or step down, asking support to appoint another. The case carries the account; support
 * staff are emailed.
 */
export const openAccountSupportCase = defineMutation({
  name: "membership.openSupportCase",
  input: accountSupportCaseSchema,
  async run({ actor, input, tx }) {
    const membership = await tx.membership.findFirst({
      where: {
        ...membershipInForceWhere(),
        userId: actor.id,
        accountId: input.accountId,
        account: { status: "ACTIVE" },
      },
      select: {
        account: { select: { id: true, name: true } },
        user: { select: { email: true, firstName: true, lastName: true } },
      },
    });
    if (!membership) throw membershipNotFound();
    await consumeRateLimit("openSupportCase", actor.id);
    const supportCase = await tx.supportCase.create({
      data: { accountId: membership.account.id, openedById: actor.id, message: input.message },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "account.supportCaseOpened",
      subjectType: "Account",
      subjectId: membership.account.id,
      after: { supportCaseId: supportCase.id, message: input.message },
    });
    await emailSupport(tx, {
      template: "account-support-case-opened",
      payload: {
        openerName: displayName(membership.user),
        openerEmail: membership.user.email,
        accountName: membership.account.name,
        message: input.message,
        url: absoluteUrl(`/support/cases/${supportCase.id}`),
      },
    });
    return { supportCaseId: supportCase.id };
  },
});
