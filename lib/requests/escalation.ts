import { recordAudit } from "@/lib/audit/record";
import { env } from "@/lib/env";
import type { SqlWriter } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { DAY_MS, daysBetween } from "@/lib/time";
import { notifySupport, type RequestForNotice } from "./notify";

export type EscalationCause = "noActiveAdmin" | "pendingTooLong";

export interface EscalationCheck {
  /** Whether the account has an active administrator (lib/memberships/active-admin.ts). */
  hasActiveAdmin: boolean;
  now?: Date;
  /** Days a request may stay pending before support is asked to step in (ESCALATE_AFTER_DAYS). */
  afterDays?: number;
}

/** Requests created at or before this have waited too long: see escalationCause. */
export function escalationCutoff(now: Date, afterDays = env().ESCALATE_AFTER_DAYS): Date {
  return new Date(now.getTime() - afterDays * DAY_MS);
}

/**
 * Why support staff must step in on a pending request, or null: nobody can decide it (its account
 * has no active administrator), or it has waited longer than ESCALATE_AFTER_DAYS.
 */
export function escalationCause(
  request: { createdAt: Date },
  check: EscalationCheck,
): EscalationCause | null {
  if (!check.hasActiveAdmin) return "noActiveAdmin";
  return request.createdAt <= escalationCutoff(check.now ?? new Date(), check.afterDays)
    ? "pendingTooLong"
    : null;
}

/**
 * Escalates a pending request to support staff when escalationCause says so, once: `escalatedAt` is
 * set by an UPDATE that only matches a request still pending and not yet escalated, so when a
 * submit, a reminder and sweep workers reach one request together, one of them records it and the
 * others (waiting for its row lock, then no longer matching) do nothing. Only that one writes the
 * audit event and the support emails, in the caller's transaction. Returns the cause if this call
 * escalated the request.
 */
export async function escalateIfNeeded(
  tx: SqlWriter,
  request: RequestForNotice,
  check: EscalationCheck,
): Promise<EscalationCause | null> {
  const now = check.now ?? new Date();
  const cause = escalationCause(request, { ...check, now });
  if (!cause) return null;
  const count = await tx.$executeRaw(Prisma.sql`
    UPDATE "AccessRequest" SET "escalatedAt" = ${now}::timestamp(3), "updatedAt" = ${now}::timestamp(3)
     WHERE "id" = ${request.id} AND "status" = 'PENDING' AND "escalatedAt" IS NULL`);
  if (count === 0) return null;
  await notifySupport(tx, request, {
    template: "request-escalated",
    extra: { cause, days: daysBetween(request.createdAt, now) },
  });
  await recordAudit(tx, {
    actorId: null,
    action: "request.escalated",
    subjectType: "AccessRequest",
    subjectId: request.id,
    after: { cause },
  });
  return cause;
}
