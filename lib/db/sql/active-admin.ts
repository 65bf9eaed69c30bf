import { Prisma } from "@/lib/generated/prisma/client";

/*
 * "Active administrator of an account" for raw statements (the rule: lib/memberships/active-admin.ts).
 * SQL because PostgreSQL holds the rule as functions (`is_active_admin`, `membership_in_force`,
 * migration …_active_administrator) that the API's access check calls: every raw statement calls
 * them too, and PostgreSQL inlines them.
 */

/**
 * `is_active_admin(m, u, now)` for a raw statement, `membership` and `user` being the aliases of a
 * "Membership" row and of its "User" row in that statement.
 */
export function isActiveAdminSql(membership: string, user: string, now: Date): Prisma.Sql {
  return Prisma.sql`"is_active_admin"(${Prisma.raw(membership)}, ${Prisma.raw(user)}, ${now}::timestamp(3))`;
}

/** administeredBy for a raw statement: the ids of the accounts the user administers at `now`. */
export function administeredAccountIdsSql(userId: string, now: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT m."accountId" FROM "Membership" m
      JOIN "User" u ON u."id" = m."userId"
      JOIN "Account" a ON a."id" = m."accountId"
     WHERE m."userId" = ${userId} AND ${isActiveAdminSql("m", "u", now)} AND a."status" = 'ACTIVE'`;
}

/** `membership_in_force(m, now)` for a raw statement, `membership` the alias of a "Membership" row. */
export function membershipInForceSql(membership: string, now: Date): Prisma.Sql {
  return Prisma.sql`"membership_in_force"(${Prisma.raw(membership)}, ${now}::timestamp(3))`;
}
