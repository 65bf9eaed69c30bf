import { defineMutation } from "@/lib/actions/mutation";
import { recordAudit } from "@/lib/audit/record";
import { emitMembershipEvent } from "@/lib/webhooks/emit";
import { membershipInForceWhere } from "./active-admin";
import { assertKeepsAnAdministrator, lockAccountMemberships } from "./authority";
import { membershipNotFound, membershipRefused } from "./refusals";
import { leaveAccountSchema } from "./schema";
import { isoOrNull, membershipSummarySelect, type MembershipSummary } from "./summary";

export interface LeaveAccountOutcome {
  outcome: "left";
  membership: MembershipSummary;
}

/**
 * A member ends their own access to an account. Its last active administrator cannot leave: they
 * appoint another administrator first, or ask support to.
 */
export const leaveAccount = defineMutation({
  name: "membership.leave",
  input: leaveAccountSchema,
  async run({ actor, input, tx }): Promise<LeaveAccountOutcome> {
    // Only a membership in force: one whose end date passed has ended, swept or not.
    const own = await tx.membership.findFirst({
      where: { ...membershipInForceWhere(), userId: actor.id, accountId: input.accountId },
      select: { id: true },
    });
    if (!own) throw membershipNotFound();
    const lock = await lockAccountMemberships(tx, input.accountId, [own.id]);
    const current = lock.rows.get(own.id);
    if (!current?.inForce) throw membershipRefused("ended");
    assertKeepsAnAdministrator(lock, own.id, null);

    const membership = await tx.membership.update({
      where: { id: own.id },
      data: { active: false, endedAt: new Date(), endCause: "LEFT" },
      select: membershipSummarySelect,
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "membership.left",
      subjectType: "Membership",
      subjectId: own.id,
      before: { active: true, role: current.role, endsAt: isoOrNull(current.endsAt) },
      after: { active: false, endCause: "LEFT", accountId: input.accountId, userId: actor.id },
    });
    await emitMembershipEvent(tx, "membership.removed", own.id, {
      previousRole: current.role,
      changedById: actor.id,
    });
    return { outcome: "left", membership };
  },
});
