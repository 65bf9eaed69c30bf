import type { Prisma } from "@/lib/generated/prisma/client";
import type { MembershipRole, MembershipScope } from "@/lib/generated/prisma/enums";

/*
 * "Active administrator of an account": the one definition, for every path (pages, server actions,
 * the API, the workers, the emails to "the account's administrators", the last-administrator guard,
 * escalation). An ADMIN membership of scope ACCOUNT (a Smart Account Administrator: a membership of
 * chosen virtual accounts, scope VIRTUAL_ACCOUNTS, never is one, whatever its roles there)
 *   - in force: not ended (`active`) and its `endsAt`, if any, still ahead — at read time: a
 *     time-bound administrator stops deciding the moment `endsAt` passes, not when the membership
 *     sweep later marks the membership ended;
 *   - of a user who is not disabled.
 * "Accounts a user administers" adds that the account is ACTIVE.
 *
 * The rule lives in PostgreSQL as the functions `membership_in_force` and `is_active_admin`
 * (migrations …_active_administrator, …_virtual_accounts), which the API's access check (`api_access_check`) calls and
 * which every raw statement calls through `isActiveAdminSql` (lib/db/sql/active-admin.ts, with
 * `administeredAccountIdsSql` and `membershipInForceSql`). Prisma's query builder cannot call a
 * function, so `activeAdminMembershipWhere` is the same rule as a `where`, and
 * `isActiveAdministrator` the same for rows already read; tests/integration/active-administrator.test.ts
 * drives every path with the same cases so the three cannot drift apart.
 */

/** A membership in force at `now`: not ended, and its end date (if any) not yet reached. */
export function membershipInForceWhere(now: Date = new Date()) {
  return {
    active: true,
    OR: [{ endsAt: null }, { endsAt: { gt: now } }],
  } satisfies Prisma.MembershipWhereInput;
}

/** A membership no longer in force at `now`: ended, or its end date reached (swept or not). */
export function membershipEndedWhere(now: Date = new Date()) {
  return {
    OR: [{ active: false }, { endsAt: { lte: now } }],
  } satisfies Prisma.MembershipWhereInput;
}

/** An active administrator's membership at `now` (see above). */
export function activeAdminMembershipWhere(now: Date = new Date()) {
  return {
    ...membershipInForceWhere(now),
    role: "ADMIN",
    scope: "ACCOUNT",
    user: { disabledAt: null },
  } satisfies Prisma.MembershipWhereInput;
}

/** The accounts this user administers at `now`: an active administrator of an ACTIVE account. */
export function administeredBy(userId: string, now: Date = new Date()) {
  return {
    status: "ACTIVE",
    memberships: { some: { ...activeAdminMembershipWhere(now), userId } },
  } satisfies Prisma.AccountWhereInput;
}

/** membershipInForceWhere for a membership already read. */
export function isMembershipInForce(
  membership: { active: boolean; endsAt: Date | null },
  now: Date = new Date(),
): boolean {
  return membership.active && (membership.endsAt === null || membership.endsAt > now);
}

/** The rule for a membership and its user already read (a page deciding what to show). */
export function isActiveAdministrator(
  membership: {
    role: MembershipRole;
    scope: MembershipScope;
    active: boolean;
    endsAt: Date | null;
  },
  user: { disabledAt: Date | null },
  now: Date = new Date(),
): boolean {
  return (
    membership.role === "ADMIN" &&
    membership.scope === "ACCOUNT" &&
    isMembershipInForce(membership, now) &&
    user.disabledAt === null
  );
}
