import { defineMutation } from "@/lib/actions/mutation";
import { recordAudit } from "@/lib/audit/record";
import { emitMembershipEvent } from "@/lib/webhooks/emit";
import { assertKeepsAnAdministrator, lockManagedMembership } from "./authority";
import { loadMemberNotice, membershipLinks, notifyMember } from "./notify";
import { membershipRefused } from "./refusals";
import { mayGrantRole, type Role } from "./rules";
import { changeRoleSchema } from "./schema";
import { membershipSummarySelect, nameOf, type MembershipSummary } from "./summary";

export type ChangeRoleOutcome =
  | { outcome: "changed"; membership: MembershipSummary; previousRole: Role }
  /** It already had that role: nothing written, nobody emailed. */
  | { outcome: "unchanged"; membership: MembershipSummary };

/**
 * An administrator changes a member's Smart Account role (their own included; refused for a
 * member of selected virtual accounts, whose roles are their grants): never to a role above their own,
 * never taking the account's last active administrator away. Audited before → after, a webhook
 * event queued and the member emailed, in the same transaction.
 */
export const changeMemberRole = defineMutation({
  name: "membership.changeRole",
  input: changeRoleSchema,
  async run({ actor, input, tx }): Promise<ChangeRoleOutcome> {
    const { target, managerRole, lock } = await lockManagedMembership(
      tx,
      actor,
      input.membershipId,
    );
    // An end date that passed ended it, whether or not the sweep has recorded that yet.
    if (!target.inForce) throw membershipRefused("ended");
    // A membership of selected virtual accounts keeps a placeholder in its role column: its roles
    // are its grants, changed with its scope (changeMemberAccess) or one by one (member-grants).
    const { scope } = await tx.membership.findUniqueOrThrow({
      where: { id: target.id },
      select: { scope: true },
    });
    if (scope === "VIRTUAL_ACCOUNTS") throw membershipRefused("virtualAccountsScope");
    if (!mayGrantRole(managerRole, input.role)) throw membershipRefused("roleAboveOwn");
    if (target.role === input.role) {
      return {
        outcome: "unchanged",
        membership: await tx.membership.findUniqueOrThrow({
          where: { id: target.id },
          select: membershipSummarySelect,
        }),
      };
    }
    assertKeepsAnAdministrator(lock, target.id, input.role);

    const membership = await tx.membership.update({
      where: { id: target.id },
      data: { role: input.role },
      select: membershipSummarySelect,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "membership.roleChanged",
      subjectType: "Membership",
      subjectId: target.id,
      before: { role: target.role },
      after: { role: input.role, accountId: target.accountId, userId: target.userId },
    });
    await emitMembershipEvent(tx, "membership.changed", target.id, {
      previousRole: target.role,
      changedById: actor.id,
    });
    await notifyMember(tx, await loadMemberNotice(tx, target.id), "membership-role-changed", {
      previousRole: target.role,
      role: input.role,
      changedBy: await nameOf(tx, actor.id),
      url: membershipLinks.yourAccounts(),
    });
    return { outcome: "changed", membership, previousRole: target.role };
  },
});
