import { recordAudit } from "@/lib/audit/record";
import { upsertGrantedMembership } from "@/lib/db/sql/memberships";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isMembershipInForce } from "./active-admin";
import { assertKeepsAnAdministrator, lockAccountMemberships } from "./authority";
import { removesAnAdministrator, type Role } from "./rules";

export interface Grant {
  userId: string;
  accountId: string;
  role: Role;
  /** When the access ends, or null for no end. */
  endsAt: Date | null;
  /** The approved request that gives it. */
  requestId: string;
  actorId: string;
}

export interface GrantedMembership {
  id: string;
  /** The membership as it was (a former member's, or a member whose role changes), or null for a new one. */
  before: { role: Role; active: boolean; endsAt: Date | null } | null;
}

/**
 * Gives access: a new membership, or a former member's made active again with the new role, end
 * date and request (the time it began moves to now, how it ended is cleared). Audited as
 * "membership.granted" in the caller's transaction, beside the request's own "request.approved".
 */
export async function grantMembership(
  tx: Prisma.TransactionClient,
  grant: Grant,
): Promise<GrantedMembership> {
  const existing = await tx.membership.findUnique({
    where: { userId_accountId: { userId: grant.userId, accountId: grant.accountId } },
    select: { id: true, role: true, active: true, endsAt: true },
  });
  // A member who already has access cannot normally ask for it again; if they did, their new role
  // must not take the account's last administrator away either.
  if (
    existing &&
    isMembershipInForce(existing) &&
    removesAnAdministrator(existing.role, grant.role)
  ) {
    assertKeepsAnAdministrator(
      await lockAccountMemberships(tx, grant.accountId, [existing.id]),
      existing.id,
      grant.role,
    );
  }
  const id = await upsertGrantedMembership(tx, grant);
  const before = existing
    ? { role: existing.role, active: existing.active, endsAt: existing.endsAt }
    : null;
  await recordAudit(tx, {
    actorId: grant.actorId,
    action: "membership.granted",
    subjectType: "Membership",
    subjectId: id,
    before: before && {
      role: before.role,
      active: before.active,
      endsAt: before.endsAt?.toISOString() ?? null,
    },
    after: {
      role: grant.role,
      active: true,
      endsAt: grant.endsAt?.toISOString() ?? null,
      requestId: grant.requestId,
      accountId: grant.accountId,
      userId: grant.userId,
    },
  });
  return { id, before };
}
