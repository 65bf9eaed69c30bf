import { recordStatusChange } from "@/lib/audit/record";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";
import { afterFailureMs } from "@/lib/jobs/retry";
import { startPollingLoop, type PollingLoop } from "@/lib/jobs/polling-loop";
import { expireOverdueRequestBatch, lockDueEscalationBatch } from "@/lib/db/sql/request-sweep";
import { env } from "@/lib/env";
import { daysBetween } from "@/lib/time";
import { emitRequestEvent } from "@/lib/webhooks/emit";
import { escalateIfNeeded } from "./escalation";
import { notifyRequester, requesterNoticeSelect, requestNoticeSelect } from "./notify";

/** A batch writes an audit event and emails per request: give it more than Prisma's default 5 s. */
const BATCH_TIMEOUT_MS = 60_000;

export interface SweepOptions {
  now?: Date;
  /** Requests handled per transaction. */
  batchSize?: number;
}

/**
 * PENDING requests past their expiry date (set at submission, ACCESS_REQUEST_TTL_DAYS later) become
 * EXPIRED, and each requester is emailed that they may ask again. Rows are claimed with
 * FOR UPDATE SKIP LOCKED and the UPDATE re-checks PENDING, so several workers never expire one
 * request twice, and an administrator deciding at the same moment either wins (the sweep no longer
 * matches) or waits and is told the request expired. Returns how many expired.
 */
export async function expireOverdueRequests(
  db: PrismaClient,
  options: SweepOptions = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 100;
  let total = 0;
  for (;;) {
    const expired = await db.$transaction(
      async (tx) => {
        const rows = await expireOverdueRequestBatch(tx, now, batchSize);
        if (rows.length === 0) return 0;
        const requests = await tx.accessRequest.findMany({
          where: { id: { in: rows.map((row) => row.id) } },
          select: { ...requesterNoticeSelect, createdAt: true },
        });
        for (const request of requests) {
          await recordStatusChange(tx, {
            actorId: null,
            action: "request.expired",
            subjectType: "AccessRequest",
            subjectId: request.id,
            from: "PENDING",
            to: "EXPIRED",
          });
          await notifyRequester(tx, request, {
            outcome: "expired",
            days: Math.max(0, daysBetween(request.createdAt, now)),
          });
          await emitRequestEvent(tx, "request.expired", request.id);
        }
        return rows.length;
      },
      { timeout: BATCH_TIMEOUT_MS },
    );
    total += expired;
    if (expired < batchSize) return total;
  }
}

export interface EscalationOptions extends SweepOptions {
  /** Days a request may stay pending before support is asked to step in. */
  afterDays?: number;
}

/**
 * Escalates to support, once, each PENDING request that has waited longer than ESCALATE_AFTER_DAYS
 * or whose account has no active administrator (any more): the rule "escalation due"
 * (lib/requests/escalation.ts). The scan finds and locks the due requests with that rule (SKIP
 * LOCKED: several workers share the work); escalateIfNeeded then records each one, its
 * conditional UPDATE being the "once" against a submit or a reminder escalating the same request.
 * Returns how many were escalated.
 */
export async function escalateWaitingRequests(
  db: PrismaClient,
  options: EscalationOptions = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 100;
  const afterDays = options.afterDays ?? env().ESCALATE_AFTER_DAYS;
  let total = 0;
  for (;;) {
    const { claimed, escalated } = await db.$transaction(
      async (tx) => {
        const rows = await lockDueEscalationBatch(tx, now, afterDays, batchSize);
        if (rows.length === 0) return { claimed: 0, escalated: 0 };
        const requests = await tx.accessRequest.findMany({
          where: { id: { in: rows.map((row) => row.id) } },
          select: requestNoticeSelect,
        });
        let count = 0;
        for (const request of requests) {
          if (await escalateIfNeeded(tx, request, { now, afterDays })) count += 1;
        }
        return { claimed: rows.length, escalated: count };
      },
      { timeout: BATCH_TIMEOUT_MS },
    );
    total += escalated;
    // A full batch of which none was escalated would be claimed again: stop rather than spin.
    if (claimed < batchSize || escalated === 0) return total;
  }
}

/** Expires, then escalates, what is due; one pass. */
export async function sweepRequests(db: PrismaClient, options: SweepOptions = {}) {
  const expired = await expireOverdueRequests(db, options);
  const escalated = await escalateWaitingRequests(db, options);
  if (expired || escalated) logger.info({ expired, escalated }, "access requests swept");
  return { expired, escalated };
}

export type RequestSweeper = PollingLoop;

/**
 * Runs the sweep of access requests now and then every `intervalMs` (REQUEST_SWEEP_MS) until
 * stopped. Days are the unit of every deadline, so a minute between passes is plenty; survives the
 * database going away.
 */
export function startRequestSweeper({
  db,
  intervalMs,
}: {
  db: PrismaClient;
  intervalMs: number;
}): RequestSweeper {
  return startPollingLoop({
    pass: async () => {
      await sweepRequests(db);
      return false;
    },
    intervalMs,
    // The database gone: not again sooner than 5 s, however short the interval.
    retryMs: afterFailureMs(intervalMs),
    failureMessage: "access request sweep failed; retrying later",
  });
}
