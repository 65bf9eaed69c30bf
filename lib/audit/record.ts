import { Prisma } from "@/lib/generated/prisma/client";

export interface AuditEntry {
  actorId: string | null;
  /** Domain verb, e.g. "request.submitted", "request.approved", "profile.updated". */
  action: string;
  subjectType: "AccessRequest" | "User" | "Account" | "Membership" | "SupportCase" | "ApiToken" | "WebhookEndpoint";
  subjectId: string;
  before?: Prisma.InputJsonValue | null;
  after?: Prisma.InputJsonValue | null;
}

/**
 * A status transition of a request or support case, recorded the one way every timeline reads it:
 * `before: { status: from }`, `after: { status: to, ...details }`.
 */
export async function recordStatusChange(
  tx: Prisma.TransactionClient,
  entry: Omit<AuditEntry, "before" | "after"> & { from: string; to: string; details?: Prisma.InputJsonObject },
): Promise<void> {
  const { from, to, details, ...event } = entry;
  await recordAudit(tx, { ...event, before: { status: from }, after: { status: to, ...details } });
}

/** Appends an audit event; pass the transaction of the change it describes. */
export async function recordAudit(tx: Prisma.TransactionClient, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      subjectType: entry.subjectType,
      subjectId: entry.subjectId,
      // Absent sides are left out (the client refuses explicit undefined: strictUndefinedChecks).
      before: entry.before ?? Prisma.skip,
      after: entry.after ?? Prisma.skip,
    },
  });
}
