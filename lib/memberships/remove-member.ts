import { defineMutation } from "@/lib/actions/mutation";
import { lockMembershipToEnd } from "@/lib/virtual-accounts/member-grants";
import { assertKeepsAnAdministrator } from "./authority";
import { endAsRemoved } from "./end-as-removed";
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

    await endAsRemoved(tx, {
      membershipId: target.id,
      actorId: actor.id,
      actorName: await nameOf(tx, actor.id),
      before: { active: true, role: target.role, endsAt: isoOrNull(target.endsAt) },
      previousRole: target.role,
      reason: input.reason,
    });
    const membership = await tx.membership.findUniqueOrThrow({
      where: { id: target.id },
      select: membershipSummarySelect,
    });
    return { outcome: "removed", membership };
  },
});
