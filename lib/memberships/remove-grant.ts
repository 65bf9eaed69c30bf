import { z } from "zod";
import { defineMutation } from "@/lib/actions/mutation";
import { grantInsideBranch, lockBranchMembership } from "@/lib/virtual-accounts/member-grants";
import { accessViewNow, recordGrantChange } from "./access-change";
import { endAsRemoved } from "./end-as-removed";
import { membershipNotFound, membershipRefused } from "./refusals";
import { removalSchema } from "./schema";
import { isoOrNull, nameOf } from "./summary";

const id = z.string().trim().min(1).max(100);

/** A member's grant on one virtual account to take away, with an optional reason (emailed if it ends their access). */
export const removeGrantSchema = removalSchema.extend({ membershipId: id, virtualAccountId: id });

export interface RemoveGrantOutcome {
  /** "ended": it was their last grant, so their membership ended (REMOVED). */
  outcome: "removed" | "ended";
}

/**
 * Someone who manages a branch takes away a member's grant on a virtual account of that branch
 * (issue 27). A member whose last grant goes loses their access to the account: the membership
 * ends as REMOVED, as removeMember ends it, and they are emailed so. Otherwise the rest of their
 * access stays and they are emailed what changed. Audited, a webhook, in one transaction.
 */
export const removeMemberGrant = defineMutation({
  name: "membership.removeGrant",
  input: removeGrantSchema,
  async run({ actor, input, tx }): Promise<RemoveGrantOutcome> {
    const { target, branch, grants } = await lockBranchMembership(tx, actor, input.membershipId);
    if (!target.inForce) throw membershipRefused("ended");
    const current = grants.find((grant) => grant.virtualAccountId === input.virtualAccountId);
    if (!current || !grantInsideBranch(branch, current)) throw membershipNotFound();
    const actorName = await nameOf(tx, actor.id);

    if (grants.length > 1) {
      const previous = await accessViewNow(tx, target.id);
      await tx.virtualAccountGrant.delete({
        where: {
          membershipId_virtualAccountId: {
            membershipId: target.id,
            virtualAccountId: input.virtualAccountId,
          },
        },
      });
      await recordGrantChange(tx, {
        actorId: actor.id,
        actorName,
        target,
        previous,
        action: "membership.grantRemoved",
        before: { ...current },
        after: { virtualAccountId: input.virtualAccountId, reason: input.reason },
      });
      return { outcome: "removed" };
    }

    // Their last grant: the membership ends, its grant kept as the record of what it gave (as an
    // ended membership of the whole account keeps its role).
    await endAsRemoved(tx, {
      membershipId: target.id,
      actorId: actor.id,
      actorName,
      before: { active: true, grants: [{ ...current }], endsAt: isoOrNull(target.endsAt) },
      previousRole: target.role,
      reason: input.reason,
    });
    return { outcome: "ended" };
  },
});
