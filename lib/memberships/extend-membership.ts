import { defineMutation } from "@/lib/actions/mutation";
import { recordAudit } from "@/lib/audit/record";
import { emitMembershipEvent } from "@/lib/webhooks/emit";
import { lockMembershipToEnd } from "@/lib/virtual-accounts/member-grants";
import { loadMemberNotice, membershipLinks, notifyMember } from "./notify";
import { membershipRefused } from "./refusals";
import { accessEndsAt, extendMembershipSchema } from "./schema";
import { isoOrNull, membershipSummarySelect, nameOf, type MembershipSummary } from "./summary";

export interface ExtendMembershipOutcome {
  outcome: "extended";
  membership: MembershipSummary;
  previousEndsAt: Date;
}

/**
 * An administrator moves the end of a time-bound access later (or removes it). The row is locked,
 * so the sweep ending it at this moment either ended it first (refused: ended) or skips it. The
 * seven-day notice is sent again for the new date. A Virtual Account Administrator extends a
 * membership whose every grant lies in their branch (lockMembershipToEnd).
 */
export const extendMembership = defineMutation({
  name: "membership.extend",
  input: extendMembershipSchema,
  async run({ actor, input, tx }): Promise<ExtendMembershipOutcome> {
    const { target } = await lockMembershipToEnd(tx, actor, input.membershipId);
    // An end date that passed ended it, whether or not the sweep has recorded that yet.
    if (!target.inForce) throw membershipRefused("ended");
    if (!target.endsAt) throw membershipRefused("noEndDate");
    const endsAt = input.permanent ? null : accessEndsAt(input);
    if (endsAt && endsAt <= target.endsAt)
      throw membershipRefused("notLater", { endsAt: target.endsAt.toISOString() });

    const membership = await tx.membership.update({
      where: { id: target.id },
      data: { endsAt, endWarnedAt: null },
      select: membershipSummarySelect,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "membership.extended",
      subjectType: "Membership",
      subjectId: target.id,
      before: { endsAt: target.endsAt.toISOString() },
      after: { endsAt: isoOrNull(endsAt), accountId: target.accountId, userId: target.userId },
    });
    await emitMembershipEvent(tx, "membership.changed", target.id, {
      previousRole: target.role,
      changedById: actor.id,
    });
    await notifyMember(tx, await loadMemberNotice(tx, target.id), "membership-extended", {
      endsAt: isoOrNull(endsAt),
      previousEndsAt: target.endsAt.toISOString(),
      extendedBy: await nameOf(tx, actor.id),
      url: membershipLinks.yourAccounts(),
    });
    return { outcome: "extended", membership, previousEndsAt: target.endsAt };
  },
});
