import { recordAudit } from "@/lib/audit/record";
import { env } from "@/lib/env";
import type { SqlWriter } from "@/lib/db/client";
import { markEscalatedIfDue, type EscalationCause } from "@/lib/db/sql/escalation";
import { daysBetween } from "@/lib/time";
import { notifySupport, type RequestForNotice } from "./notify";

export type { EscalationCause };

export interface EscalationCheck {
  now?: Date;
  /** Days a request may stay pending before support is asked to step in (ESCALATE_AFTER_DAYS). */
  afterDays?: number;
}

/*
 * "Escalation due", the one rule: support staff must step in on a PENDING request not yet escalated
 * when its account has no active administrator (lib/memberships/active-admin.ts, at read time), or
 * when it has waited ESCALATE_AFTER_DAYS or longer. It is the SQL function `escalation_cause`
 * (migration …_domain_rules), because the request sweep finds the due requests with it in its scan
 * (lib/db/sql/request-sweep.ts); the submit, the reminder and the sweep all escalate through
 * escalateIfNeeded below, which evaluates that same function. Test:
 * tests/integration/escalation-due.test.ts (every case through every path).
 */

/**
 * Escalates a pending request to support staff when the rule says so, once: `escalatedAt` is set by
 * an UPDATE that evaluates the rule on the row it locks, so when a submit, a reminder and sweep
 * workers reach one request together, one of them records it and the others (waiting for its row
 * lock, then no longer matching) do nothing. Only that one writes the audit event and the support
 * emails, in the caller's transaction. Returns the cause if this call escalated the request.
 */
export async function escalateIfNeeded(
  tx: SqlWriter,
  request: RequestForNotice,
  check: EscalationCheck = {},
): Promise<EscalationCause | null> {
  const now = check.now ?? new Date();
  const cause = await markEscalatedIfDue(
    tx,
    request.id,
    now,
    check.afterDays ?? env().ESCALATE_AFTER_DAYS,
  );
  if (!cause) return null;
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
