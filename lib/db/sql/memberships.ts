import { uuidv7 } from "@/lib/uuidv7";
import { Prisma } from "@/lib/generated/prisma/client";
import { isActiveAdminSql, membershipInForceSql } from "./active-admin";
import type { Role } from "@/lib/memberships/rules";

type Tx = Prisma.TransactionClient;

/** A membership as read under its row lock (lib/memberships/authority.ts). */
export interface LockedMembershipRow {
  id: string;
  userId: string;
  accountId: string;
  role: Role;
  active: boolean;
  endsAt: Date | null;
  /** In force at the lock: not ended, its end date (if any) still ahead (membership_in_force). */
  inForce: boolean;
  /** An active administrator at the lock (is_active_admin): counts for the last-administrator guard. */
  activeAdmin: boolean;
}

/**
 * Locks the account's active administrator memberships and the given ones, in id order, and reads
 * them as they are once the locks are held. SQL for the lock: FOR UPDATE, with the rules
 * (membership_in_force, is_active_admin) evaluated on the locked row versions — the columns of `m`
 * are the ones PostgreSQL re-reads after waiting for a concurrent change (a subquery would see the
 * statement's snapshot).
 */
export function lockMembershipRows(
  tx: Tx,
  accountId: string,
  membershipIds: string[],
  now: Date,
): Promise<LockedMembershipRow[]> {
  const activeAdmin = isActiveAdminSql("m", "u", now);
  return tx.$queryRaw<LockedMembershipRow[]>`
    SELECT m."id", m."userId", m."accountId", m."role"::text AS "role", m."active", m."endsAt",
           ${membershipInForceSql("m", now)} AS "inForce", ${activeAdmin} AS "activeAdmin"
      FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
     WHERE m."accountId" = ${accountId} AND (${activeAdmin} OR m."id" = ANY(${membershipIds}::text[]))
     ORDER BY m."id"
       FOR UPDATE OF m`;
}

export interface GrantRow {
  userId: string;
  accountId: string;
  /** The Smart Account role, or the placeholder of a VIRTUAL_ACCOUNTS scope (lib/virtual-accounts/scope.ts). */
  role: Role;
  scope: "ACCOUNT" | "VIRTUAL_ACCOUNTS";
  endsAt: Date | null;
  /** The approved request that gives it, or null (an administrator added the person). */
  requestId: string | null;
}

/**
 * A new membership, or a former member's made active again with the new role, end date and request
 * (its start moves to now, how it ended is cleared) with the role and scope given; returns its id. SQL for the upsert: one
 * statement, ON CONFLICT on (userId, accountId), whatever a concurrent grant did.
 */
export async function upsertGrantedMembership(tx: Tx, grant: GrantRow): Promise<string> {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO "Membership" ("id", "userId", "accountId", "role", "scope", "active", "grantedAt", "grantedByRequestId", "endsAt", "updatedAt")
    VALUES (${uuidv7()}, ${grant.userId}, ${grant.accountId}, ${grant.role}::"MembershipRole", ${grant.scope}::"MembershipScope", true, now(), ${grant.requestId}, ${grant.endsAt}, now())
    ON CONFLICT ("userId", "accountId") DO UPDATE
       SET "role" = EXCLUDED."role", "scope" = EXCLUDED."scope", "active" = true, "grantedAt" = now(), "grantedByRequestId" = EXCLUDED."grantedByRequestId",
           "endsAt" = EXCLUDED."endsAt", "endWarnedAt" = NULL, "endedAt" = NULL, "endCause" = NULL, "updatedAt" = now()
    RETURNING "id"`;
  return row!.id;
}
