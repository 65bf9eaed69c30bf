import type { Role } from "@/lib/memberships/rules";

/*
 * What access a membership gives (issue 27): the whole Smart Account with one Smart Account role,
 * or chosen virtual accounts, each with its own role and, optionally, everything below it. Plain
 * code: the server's use cases (approving, changing a member's scope, adding people) and the
 * browser's forms share it; the zod schema is lib/virtual-accounts/schema.ts.
 *
 * A membership of scope VIRTUAL_ACCOUNTS keeps `role` = VIEWER in its own column (the least, so
 * that a read that forgot the scope gives nothing away); its roles are its VirtualAccountGrant rows.
 */

/** A role on one virtual account, and whether it holds on the virtual accounts below it. */
export interface ScopeGrant {
  virtualAccountId: string;
  role: Role;
  includeSubAccounts: boolean;
}

export type Access =
  { scope: "ACCOUNT"; role: Role } | { scope: "VIRTUAL_ACCOUNTS"; grants: ScopeGrant[] };

/** At most this many virtual accounts in one scope (a form, an API call). */
export const MAX_SCOPE_GRANTS = 50;

/** The role stored in Membership.role for a membership of scope VIRTUAL_ACCOUNTS. */
export const VIRTUAL_ACCOUNTS_PLACEHOLDER_ROLE: Role = "VIEWER";

/** The role kept in the membership's own column for this access. */
export function membershipRoleOf(access: Access): Role {
  return access.scope === "ACCOUNT" ? access.role : VIRTUAL_ACCOUNTS_PLACEHOLDER_ROLE;
}

/** The roles of an access, the highest first (what "role changes to" compares). */
export function rolesOf(access: Access): Role[] {
  return access.scope === "ACCOUNT" ? [access.role] : access.grants.map((grant) => grant.role);
}
