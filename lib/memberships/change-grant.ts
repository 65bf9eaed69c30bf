import { z } from "zod";
import { defineMutation } from "@/lib/actions/mutation";
import { grantInsideBranch, lockBranchMembership } from "@/lib/virtual-accounts/member-grants";
import { scopeGrantSchema } from "@/lib/virtual-accounts/schema";
import { accessViewNow, recordGrantChange } from "./access-change";
import { membershipNotFound, membershipRefused } from "./refusals";
import { nameOf } from "./summary";

/** A member's grant on one virtual account, with its new role and reach. */
export const changeGrantSchema = scopeGrantSchema.extend({
  membershipId: z.string().trim().min(1).max(100),
});

export interface ChangeGrantOutcome {
  outcome: "changed" | "unchanged";
}

/**
 * Someone who manages a branch changes the role of a member's grant on a virtual account of that
 * branch, or whether it includes its sub-accounts (issue 27). The grant must lie inside the branch
 * before (else NOT_FOUND: it is not theirs to see) and after (else `outsideBranch`). Audited, a
 * membership.changed webhook, the member emailed, in one transaction.
 */
export const changeMemberGrant = defineMutation({
  name: "membership.changeGrant",
  input: changeGrantSchema,
  async run({ actor, input, tx }): Promise<ChangeGrantOutcome> {
    const { target, branch, grants } = await lockBranchMembership(tx, actor, input.membershipId);
    if (!target.inForce) throw membershipRefused("ended");
    const current = grants.find((grant) => grant.virtualAccountId === input.virtualAccountId);
    if (!current || !grantInsideBranch(branch, current)) throw membershipNotFound();
    if (!grantInsideBranch(branch, input)) throw membershipRefused("outsideBranch");
    if (current.role === input.role && current.includeSubAccounts === input.includeSubAccounts)
      return { outcome: "unchanged" };

    const previous = await accessViewNow(tx, target.id);
    const key = { membershipId: target.id, virtualAccountId: input.virtualAccountId };
    const grant = { role: input.role, includeSubAccounts: input.includeSubAccounts };
    await tx.virtualAccountGrant.update({
      where: { membershipId_virtualAccountId: key },
      data: grant,
    });
    await recordGrantChange(tx, {
      actorId: actor.id,
      actorName: await nameOf(tx, actor.id),
      target,
      previous,
      action: "membership.grantChanged",
      before: { ...current },
      after: { virtualAccountId: input.virtualAccountId, ...grant },
    });
    return { outcome: "changed" };
  },
});
