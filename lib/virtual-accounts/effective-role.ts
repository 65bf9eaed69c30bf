import { effectiveRoleOf, type EffectiveRoleRow } from "@/lib/db/sql/virtual-accounts";

/*
 * "Effective role" of a person on a virtual account (issue 27): the one definition, for every path
 * that will ask it (the pages, the API's access check with `virtualAccount`, the virtual-account
 * administrators' authority). The highest of
 *   - their Smart Account role: a membership of scope ACCOUNT, whose `role` holds on every virtual
 *     account of the account ('account');
 *   - their grants (a membership of scope VIRTUAL_ACCOUNTS) on the virtual account itself
 *     ('direct'), or on an ancestor granted with its sub-accounts ('inherited');
 * the membership in force (`membership_in_force`: not ended, its end date still ahead at `now`),
 * the user not disabled. ADMIN > USER > VIEWER; at equal roles 'account', then 'direct', then
 * 'inherited' says how it is held. None (null) otherwise, and for a virtual account of another
 * Smart Account.
 *
 * The rule lives in PostgreSQL as the function `effective_role` (migration …_virtual_accounts): one
 * read of the virtual account (its `path` holds its ancestors, at most 6), of the membership by
 * (userId, accountId), and of its grants on that path, each by a unique index. This module calls
 * it (lib/db/sql/virtual-accounts.ts); tests/integration/effective-role.test.ts drives it with a
 * table of cases.
 */

/** How an effective role is held. */
export const heldAsValues = ["account", "direct", "inherited"] as const;
export type HeldAs = (typeof heldAsValues)[number];

export type EffectiveRole = EffectiveRoleRow;

/** The person's effective role on the virtual account of the account at `now`, or null. */
export function effectiveRole(
  userId: string,
  accountId: string,
  virtualAccountId: string,
  now: Date = new Date(),
): Promise<EffectiveRole | null> {
  return effectiveRoleOf(userId, accountId, virtualAccountId, now);
}
