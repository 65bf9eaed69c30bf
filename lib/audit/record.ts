import type { SqlWriter } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

export interface AuditEntry {
  actorId: string | null;
  /** Domain verb, e.g. "request.submitted", "request.approved", "profile.updated". */
  action: string;
  subjectType:
    | "AccessRequest"
    | "User"
    | "Account"
    | "Membership"
    | "SupportCase"
    | "ApiToken"
    | "WebhookEndpoint";
  subjectId: string;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
}

/**
 * A status transition of a request or support case, recorded the one way every timeline reads it:
 * `before: { status: from }`, `after: { status: to, ...details }`.
 */
export async function recordStatusChange(
  tx: SqlWriter,
  entry: Omit<AuditEntry, "before" | "after"> & {
    from: string;
    to: string;
    details?: Prisma.InputJsonObject;
  },
): Promise<void> {
  const { from, to, details, ...event } = entry;
  await recordAudit(tx, { ...event, before: { status: from }, after: { status: to, ...details } });
}

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

/** Appends an audit event; pass the transaction of the change it describes. */
export async function recordAudit(tx: SqlWriter, entry: AuditEntry): Promise<void> {
  await tx.$executeRaw(auditInsert([entry]));
}
