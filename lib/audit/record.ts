import type { SqlWriter } from "@/lib/db/client";
import { insertAuditEvents } from "@/lib/db/sql/audit";
import type { Prisma } from "@/lib/generated/prisma/client";

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
    | "WebhookEndpoint"
    | "VirtualAccount";
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

/**
 * Appends an audit event; pass the transaction of the change it describes. The statement
 * (auditInsert, which a change writing its rows in one statement uses itself) is in
 * lib/db/sql/audit.ts.
 */
export async function recordAudit(tx: SqlWriter, entry: AuditEntry): Promise<void> {
  await insertAuditEvents(tx, [entry]);
}
