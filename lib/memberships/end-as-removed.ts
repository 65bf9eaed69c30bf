import { recordAudit } from "@/lib/audit/record";
import type { Prisma } from "@/lib/generated/prisma/client";
import { emitMembershipEvent } from "@/lib/webhooks/emit";
import { loadMemberNotice, membershipLinks, notifyMember } from "./notify";
import type { Role } from "./rules";

export interface Removal {
  membershipId: string;
  actorId: string;
  /** The actor's name as the member's email says it. */
  actorName: string;
  /** What the audit records as the membership before (role or grants, end date…). */
  before: Prisma.InputJsonObject;
  /** The role the webhook reports as the previous one (a scoped membership's own column). */
  previousRole: Role;
  /** The reason the member is emailed, or null. */
  reason: string | null;
  /** Anything more for the audit's `after` (e.g. the virtual account deleted). */
  details?: Prisma.InputJsonObject;
}

/**
 * Ends a member's access as an administrator removing them: the membership kept inactive, ended
 * now as REMOVED; audited as "membership.removed", a `membership.removed` webhook, and the member
 * emailed in their language — in the caller's transaction. The one ending behind removing a member,
 * taking away their last grant, and deleting the virtual accounts their only grants were on.
 */
export async function endAsRemoved(tx: Prisma.TransactionClient, removal: Removal) {
  const membership = await tx.membership.update({
    where: { id: removal.membershipId },
    data: { active: false, endedAt: new Date(), endCause: "REMOVED" },
    select: { accountId: true, userId: true },
  });
  await recordAudit(tx, {
    actorId: removal.actorId,
    action: "membership.removed",
    subjectType: "Membership",
    subjectId: removal.membershipId,
    before: removal.before,
    after: {
      active: false,
      endCause: "REMOVED",
      reason: removal.reason,
      accountId: membership.accountId,
      userId: membership.userId,
      ...removal.details,
    },
  });
  await emitMembershipEvent(tx, "membership.removed", removal.membershipId, {
    previousRole: removal.previousRole,
    changedById: removal.actorId,
  });
  await notifyMember(tx, await loadMemberNotice(tx, removal.membershipId), "membership-removed", {
    removedBy: removal.actorName,
    reason: removal.reason,
    url: membershipLinks.requestAgain(),
  });
}
