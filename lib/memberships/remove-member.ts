import { defineMutation } from "@/lib/actions/mutation";
import { recordAudit } from "@/lib/audit/record";
import { emitMembershipEvent } from "@/lib/webhooks/emit";
import { lockMembershipToEnd } from "@/lib/virtual-accounts/member-grants";
import { assertKeepsAnAdministrator } from "./authority";
import { loadMemberNotice, membershipLinks, notifyMember } from "./notify";
import { membershipRefused } from "./refusals";
import { removeMemberSchema } from "./schema";
import { isoOrNull, membershipSummarySelect, nameOf, type MembershipSummary } from "./summary";

export interface RemoveMemberOutcome {
  outcome: "removed";
  membership: MembershipSummary;
}

/**
 * An administrator ends a member's access, with an optional reason that the member is emailed.
 * The membership stays, inactive, with when and how it ended; the person may request access again.
 * The account's last active administrator cannot be removed. A Virtual Account Administrator
 * removes a member whose every grant lies in their branch (lockMembershipToEnd).
 */
export const removeMember = defineMutation({
  name: "membership.remove",
  input: removeMemberSchema,
  async run({ actor, input, tx }): Promise<RemoveMemberOutcome> {
    const { target, lock } = await lockMembershipToEnd(tx, actor, input.membershipId);
    // An end date that passed ended it, whether or not the sweep has recorded that yet.
    if (!target.inForce) throw membershipRefused("ended");
    assertKeepsAnAdministrator(lock, target.id, null);

    const membership = await tx.membership.update({
      where: { id: target.id },
      data: { active: false, endedAt: new Date(), endCause: "REMOVED" },
      select: membershipSummarySelect,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "membership.removed",
      subjectType: "Membership",
      subjectId: target.id,
      before: { active: true, role: target.role, endsAt: isoOrNull(target.endsAt) },
      after: {
        active: false,
        endCause: "REMOVED",
        reason: input.reason,
        accountId: target.accountId,
        userId: target.userId,
      },
    });
    await emitMembershipEvent(tx, "membership.removed", target.id, {
      previousRole: target.role,
      changedById: actor.id,
    });
    await notifyMember(tx, await loadMemberNotice(tx, target.id), "membership-removed", {
      removedBy: await nameOf(tx, actor.id),
      reason: input.reason,
      url: membershipLinks.requestAgain(),
    });
    return { outcome: "removed", membership };
  },
});
