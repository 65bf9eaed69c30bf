import { recordAudit } from "@/lib/audit/record";
import type { Prisma } from "@/lib/generated/prisma/client";
import { accessViewOf, type AccessView } from "@/lib/virtual-accounts/grants";
import { emitMembershipEvent } from "@/lib/webhooks/emit";
import type { LockedMembership } from "./authority";
import { loadMemberNotice, membershipLinks, notifyMember } from "./notify";

/** A membership's access with the virtual accounts' names, as it stands in the transaction. */
export async function accessViewNow(
  tx: Prisma.TransactionClient,
  membershipId: string,
): Promise<AccessView> {
  const membership = await tx.membership.findUniqueOrThrow({
    where: { id: membershipId },
    select: { id: true, role: true, scope: true },
  });
  return accessViewOf(tx, membership);
}

/**
 * What every change of a member's virtual-account grants writes beside the change, in its
 * transaction: the audit event (before → after), the membership.changed webhook and the email to
 * the member, in their language, with their access before and after.
 */
export async function recordGrantChange(
  tx: Prisma.TransactionClient,
  change: {
    actorId: string;
    actorName: string;
    target: LockedMembership;
    previous: AccessView;
    action: string;
    before: Prisma.InputJsonObject;
    after: Prisma.InputJsonObject;
  },
): Promise<void> {
  const { target } = change;
  await recordAudit(tx, {
    actorId: change.actorId,
    action: change.action,
    subjectType: "Membership",
    subjectId: target.id,
    before: change.before,
    after: { ...change.after, accountId: target.accountId, userId: target.userId },
  });
  await emitMembershipEvent(tx, "membership.changed", target.id, {
    previousRole: target.role,
    changedById: change.actorId,
  });
  await notifyMember(tx, await loadMemberNotice(tx, target.id), "membership-access-changed", {
    previous: change.previous,
    access: await accessViewNow(tx, target.id),
    changedBy: change.actorName,
    url: membershipLinks.yourAccounts(),
  });
}
