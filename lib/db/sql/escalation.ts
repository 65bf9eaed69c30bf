import type { SqlWriter } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

export type EscalationCause = "noActiveAdmin" | "pendingTooLong";

/**
 * Marks the request escalated at `now` if the rule "escalation due" (the SQL function
 * `escalation_cause`, migration …_domain_rules) says so, and returns the cause; null when it is not
 * due, or no longer (another submit, reminder or sweep worker escalated it first: the rule, evaluated
 * again on the row PostgreSQL re-reads after waiting for that one's lock, no longer matches).
 * SQL because the rule is a function the sweep's scan needs in PostgreSQL; here it is evaluated on
 * the row the UPDATE locks, which makes the escalation happen once.
 */
export async function markEscalatedIfDue(
  tx: SqlWriter,
  requestId: string,
  now: Date,
  afterDays: number,
): Promise<EscalationCause | null> {
  const [row] = await tx.$queryRaw<{ cause: EscalationCause }[]>(Prisma.sql`
    UPDATE "AccessRequest" r SET "escalatedAt" = ${now}::timestamp(3), "updatedAt" = ${now}::timestamp(3)
      FROM (SELECT "escalation_cause"(c, ${now}::timestamp(3), ${afterDays}::integer) AS "cause"
              FROM "AccessRequest" c WHERE c."id" = ${requestId}) due
     WHERE r."id" = ${requestId} AND due."cause" IS NOT NULL
       AND "escalation_cause"(r, ${now}::timestamp(3), ${afterDays}::integer) IS NOT NULL
    RETURNING due."cause"`);
  return row?.cause ?? null;
}
