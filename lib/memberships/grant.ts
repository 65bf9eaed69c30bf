import { recordAudit } from "@/lib/audit/record";
import { upsertGrantedMembership } from "@/lib/db/sql/memberships";
import type { Prisma } from "@/lib/generated/prisma/client";
import { accessRecord, assertVirtualAccountsOf, writeGrants } from "@/lib/virtual-accounts/grants";
import { membershipRoleOf, type Access } from "@/lib/virtual-accounts/scope";
import { isMembershipInForce } from "./active-admin";
import { assertKeepsAnAdministrator, lockAccountMemberships } from "./authority";
import { removesAnAdministrator, type Role } from "./rules";

export interface Grant {
  userId: string;
  accountId: string;
  /** The whole account with a Smart Account role, or chosen virtual accounts with theirs. */
  access: Access;
  /** When the access ends, or null for no end. */
  endsAt: Date | null;
  /** The approved request that gives it, or null (an administrator added the person directly). */
  requestId: string | null;
  actorId: string;
}

export interface GrantedMembership {
  id: string;
  /** The membership as it was (a former member's, or a member whose access changes), or null for a new one. */
  before: {
    role: Role;
    scope: "ACCOUNT" | "VIRTUAL_ACCOUNTS";
    active: boolean;
    endsAt: Date | null;
  } | null;
}

/**
 * Gives access: a new membership, or a former member's made active again with the new access, end
 * date and request (the time it began moves to now, how it ended is cleared); a scope of virtual
 * accounts replaces the membership's grants. Audited as "membership.granted" in the caller's
 * transaction, beside the request's own "request.approved".
 */
export async function grantMembership(
  tx: Prisma.TransactionClient,
  grant: Grant,
): Promise<GrantedMembership> {
  await assertVirtualAccountsOf(tx, grant.accountId, grant.access);
  const existing = await tx.membership.findUnique({
    where: { userId_accountId: { userId: grant.userId, accountId: grant.accountId } },
    select: { id: true, role: true, scope: true, active: true, endsAt: true },
  });
  // A member who already has access cannot normally ask for it again; if they did, their new
  // access must not take the account's last (Smart Account) administrator away either.
  const nextAccountRole = grant.access.scope === "ACCOUNT" ? grant.access.role : null;
  if (
    existing &&
    existing.scope === "ACCOUNT" &&
    isMembershipInForce(existing) &&
    removesAnAdministrator(existing.role, nextAccountRole)
  ) {
    assertKeepsAnAdministrator(
      await lockAccountMemberships(tx, grant.accountId, [existing.id]),
      existing.id,
      nextAccountRole,
    );
  }
  const id = await upsertGrantedMembership(tx, {
    userId: grant.userId,
    accountId: grant.accountId,
    role: membershipRoleOf(grant.access),
    scope: grant.access.scope,
    endsAt: grant.endsAt,
    requestId: grant.requestId,
  });
  await writeGrants(tx, id, grant.access);
  const before = existing
    ? {
        role: existing.role,
        scope: existing.scope,
        active: existing.active,
        endsAt: existing.endsAt,
      }
    : null;
  await recordAudit(tx, {
    actorId: grant.actorId,
    action: "membership.granted",
    subjectType: "Membership",
    subjectId: id,
    before: before && {
      role: before.role,
      scope: before.scope,
      active: before.active,
      endsAt: before.endsAt?.toISOString() ?? null,
    },
    after: {
      ...accessRecord(grant.access),
      active: true,
      endsAt: grant.endsAt?.toISOString() ?? null,
      requestId: grant.requestId,
      accountId: grant.accountId,
      userId: grant.userId,
    },
  });
  return { id, before };
}
