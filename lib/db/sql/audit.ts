import type { AuditEntry } from "@/lib/audit/record";
import type { SqlWriter } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

/*
 * The audit trail's one insert. SQL because the submit writes its audit event in the same
 * statement as its request, emails and deliveries (a data-modifying WITH, measured in
 * docs/benchmarks-history.md), and sqlTransaction's writers have only raw statements.
 */

/** A JSON column's parameter: absent and null are both SQL NULL (as Prisma writes a skipped field). */
const jsonParam = (value: Prisma.InputJsonValue | null | undefined) =>
  value === undefined || value === null ? null : JSON.stringify(value);

/**
 * The one statement that appends audit events, for a change that writes its other rows in the same
 * statement (a data-modifying WITH): `onlyIf` is a condition on that statement's other parts.
 */
export function auditInsert(
  entries: AuditEntry[],
  onlyIf: Prisma.Sql = Prisma.sql`true`,
): Prisma.Sql {
  const now = new Date();
  const rows = entries.map(
    (
      entry,
    ) => Prisma.sql`(${entry.actorId}::text, ${entry.action}::text, ${entry.subjectType}::text, ${entry.subjectId}::text,
      ${jsonParam(entry.before)}::jsonb, ${jsonParam(entry.after)}::jsonb, ${now}::timestamp(3))`,
  );
  return Prisma.sql`
    INSERT INTO "AuditEvent" ("actorId", "action", "subjectType", "subjectId", "before", "after", "createdAt")
    SELECT * FROM (VALUES ${Prisma.join(rows)}) AS event WHERE ${onlyIf}`;
}

/** Runs auditInsert for these events in the writer's transaction. */
export async function insertAuditEvents(tx: SqlWriter, entries: AuditEntry[]): Promise<void> {
  await tx.$executeRaw(auditInsert(entries));
}
