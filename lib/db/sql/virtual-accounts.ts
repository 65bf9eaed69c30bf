import { hotQuery } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/memberships/rules";
import type { HeldAs } from "@/lib/virtual-accounts/effective-role";

/*
 * Virtual accounts (issue 27). The tree itself (DEFAULT per account, names unique among siblings,
 * at most 6 levels, the `path` of ancestors) is kept by PostgreSQL's constraints and triggers
 * (migration …_virtual_accounts); Prisma reads and writes its rows. SQL here only for the rule
 * PostgreSQL holds as a function.
 */

/** A person's effective role on a virtual account, and how it is held. */
export interface EffectiveRoleRow {
  role: Role;
  heldAs: HeldAs;
}

/**
 * `effective_role(userId, accountId, virtualAccountId, now)` as a statement, for a read that needs
 * it beside other columns. The rule: lib/virtual-accounts/effective-role.ts.
 */
export function effectiveRoleSql(
  userId: string,
  accountId: string,
  virtualAccountId: string,
  now: Date,
): Prisma.Sql {
  return Prisma.sql`SELECT "role"::text AS "role", "heldAs" FROM "effective_role"(${userId}, ${accountId}, ${virtualAccountId}, ${now}::timestamp(3))`;
}

/**
 * The effective role, or null when the person has none there. SQL because the rule is the function
 * `effective_role` (migration …_virtual_accounts), which the API's access check will call too: one
 * statement, through hotQuery, as every access check is.
 */
export async function effectiveRoleOf(
  userId: string,
  accountId: string,
  virtualAccountId: string,
  now: Date,
): Promise<EffectiveRoleRow | null> {
  const rows = await hotQuery<EffectiveRoleRow>(
    effectiveRoleSql(userId, accountId, virtualAccountId, now),
  );
  return rows[0] ?? null;
}

/** A virtual account of an account with the actor's effective role there (null: none). */
export interface VirtualAccountRoleRow {
  id: string;
  parentId: string | null;
  name: string;
  path: string[];
  role: Role | null;
  heldAs: HeldAs | null;
}

/**
 * Every virtual account of the account with the person's effective role on it, in tree order (by
 * path of names would need the names; by depth then name, the caller builds the tree). One
 * statement: `effective_role` per virtual account (an account has tens, not thousands), the same
 * function as every other path, so that "who manages which branch" is the rule itself
 * (lib/virtual-accounts/authority.ts).
 */
export function virtualAccountRolesOf(
  tx: Prisma.TransactionClient,
  userId: string,
  accountId: string,
  now: Date,
): Promise<VirtualAccountRoleRow[]> {
  return tx.$queryRaw<VirtualAccountRoleRow[]>`
    SELECT va."id", va."parentId", va."name", va."path", er."role"::text AS "role", er."heldAs"
      FROM "VirtualAccount" va
      LEFT JOIN LATERAL "effective_role"(${userId}, ${accountId}, va."id", ${now}::timestamp(3)) er ON true
     WHERE va."accountId" = ${accountId}
     ORDER BY cardinality(va."path"), va."name", va."id"`;
}
