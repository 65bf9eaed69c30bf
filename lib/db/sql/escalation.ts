import type { SqlWriter } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { isActiveAdminSql } from "./active-admin";

export type EscalationCause = "noActiveAdmin" | "pendingTooLong";

/**
 * The rule "escalation due" for the "AccessRequest" row aliased `request` in a statement: the SQL
 * function `escalation_cause` (migration …_domain_rules), given whether the request's account has
 * an active administrator at `now` (is_active_admin). Every statement that escalates builds it
 * here. The EXISTS is an argument rather than inside the function so that PostgreSQL inlines the
 * function and hashes the EXISTS once per scan instead of running it per pending request.
 */
export function escalationCauseSql(request: string, now: Date, afterDays: number): Prisma.Sql {
  const r = Prisma.raw(request);
  return Prisma.sql`"escalation_cause"(${r}, EXISTS (
      SELECT 1 FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
       WHERE m."accountId" = ${r}."accountId" AND ${isActiveAdminSql("m", "u", now)}
    ), ${now}::timestamp(3), ${afterDays}::integer)`;
}

/**
 * Marks the request escalated at `now` if the rule says so, and returns the cause; null when it is
 * not due, or no longer (another submit, reminder or sweep worker escalated it first: the rule,
 * evaluated again on the row PostgreSQL re-reads after waiting for that one's lock, no longer
 * matches). SQL because the rule is a function the sweep's scan needs in PostgreSQL; evaluated on
 * the row the UPDATE locks, it makes the escalation happen once.
 */
export async function markEscalatedIfDue(
  tx: SqlWriter,
  requestId: string,
  now: Date,
  afterDays: number,
): Promise<EscalationCause | null> {
  const [row] = await tx.$queryRaw<{ cause: EscalationCause }[]>(Prisma.sql`
    UPDATE "AccessRequest" r SET "escalatedAt" = ${now}::timestamp(3), "updatedAt" = ${now}::timestamp(3)
      FROM (SELECT ${escalationCauseSql("c", now, afterDays)} AS "cause"
              FROM "AccessRequest" c WHERE c."id" = ${requestId}) due
     WHERE r."id" = ${requestId} AND due."cause" IS NOT NULL
       AND ${escalationCauseSql("r", now, afterDays)} IS NOT NULL
    RETURNING due."cause"`);
  return row?.cause ?? null;
}
