import type { SqlWriter } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PersonRow } from "@/lib/requests/recipients";
import { isActiveAdminSql } from "./active-admin";

/*
 * Who is emailed (lib/requests/recipients.ts). SQL because the account's administrators are the
 * rule PostgreSQL holds (is_active_admin, lib/db/sql/active-admin.ts), read inside the submit's one
 * statement (docs/benchmarks-history.md), and because sqlTransaction's writers have only raw
 * statements.
 */

/**
 * The account's active administrators (lib/memberships/active-admin.ts) as one JSON array of
 * PersonRow ordered by email, for a statement that reads them beside other facts.
 */
export function activeAdminsJson(accountId: Prisma.Sql, now: Date = new Date()): Prisma.Sql {
  return Prisma.sql`(
    SELECT coalesce(json_agg(json_build_object('email', u."email", 'locale', u."locale", 'firstName', u."firstName", 'lastName', u."lastName") ORDER BY u."email"), '[]'::json)
      FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
     WHERE m."accountId" = ${accountId} AND ${isActiveAdminSql("m", "u", now)})`;
}

/** The account's active administrators at `now`, ordered by email. */
export async function readActiveAdmins(
  tx: SqlWriter,
  accountId: string,
  now: Date,
): Promise<PersonRow[]> {
  const [row] = await tx.$queryRaw<{ admins: PersonRow[] }[]>(
    Prisma.sql`SELECT ${activeAdminsJson(Prisma.sql`${accountId}`, now)} AS "admins"`,
  );
  return row!.admins;
}

/** Support staff (SUPPORT and SUPERADMIN users not disabled), ordered by email. */
export function readSupportStaff(tx: SqlWriter): Promise<PersonRow[]> {
  return tx.$queryRaw<PersonRow[]>(Prisma.sql`
    SELECT "email", "locale"::text AS "locale", "firstName", "lastName" FROM "User"
     WHERE "disabledAt" IS NULL AND "platformRole" IN ('SUPPORT', 'SUPERADMIN')
     ORDER BY "email"`);
}
