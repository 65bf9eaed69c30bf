import { recordAudit } from "@/lib/audit/record";
import { env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";
import { enqueueEmail } from "@/lib/mail/outbox";
import { startPollingLoop, type PollingLoop } from "@/lib/polling-loop";
import { notifySupportOfEscalation, requestNoticeSelect } from "@/lib/requests/notify";
import { displayName, localeOf } from "@/lib/people";
import { DAY_MS, daysBetween } from "@/lib/time";
import { absoluteUrl } from "@/lib/urls";

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
export async function expireOverdueRequests(db: PrismaClient, options: SweepOptions = {}): Promise<number> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 100;
  let total = 0;
  for (;;) {
    const expired = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string }[]>`
        UPDATE "AccessRequest" AS r
           SET "status" = 'EXPIRED', "decidedAt" = ${now}, "updatedAt" = now()
         WHERE r."status" = 'PENDING'
           AND r."id" IN (
             SELECT "id" FROM "AccessRequest"
              WHERE "status" = 'PENDING' AND "expiresAt" <= ${now}
              ORDER BY "expiresAt"
              LIMIT ${batchSize}
              FOR UPDATE SKIP LOCKED)
        RETURNING r."id"`;
      if (rows.length === 0) return 0;
      const requests = await tx.accessRequest.findMany({
        where: { id: { in: rows.map((row) => row.id) } },
        select: {
          id: true,
          domain: true,
          accountId: true,
          createdAt: true,
          requester: { select: { email: true, firstName: true, lastName: true, locale: true } },
          account: { select: { name: true } },
        },
      });
      for (const request of requests) {
        await recordAudit(tx, {
          actorId: null,
          action: "request.expired",
          subjectType: "AccessRequest",
          subjectId: request.id,
          before: { status: "PENDING" },
          after: { status: "EXPIRED" },
        });
        await enqueueEmail(tx, {
          to: request.requester.email,
          locale: localeOf(request.requester),
          requestId: request.id,
          template: "request-expired",
          payload: {
            requesterName: displayName(request.requester),
            accountName: request.account.name,
            domain: request.domain,
            url: absoluteUrl("/requests/new"),
            days: Math.max(0, daysBetween(request.createdAt, now)),
          },
        });
      }
      return rows.length;
    }, { timeout: BATCH_TIMEOUT_MS });
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
 * or whose account has no active administrator (any more). `escalatedAt` is the "once": it is set
 * in the same UPDATE that claims the row (SKIP LOCKED, re-checked), and the support emails and the
 * audit event are written in that transaction. Returns how many were escalated.
 */
export async function escalateWaitingRequests(db: PrismaClient, options: EscalationOptions = {}): Promise<number> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 100;
  const cutoff = new Date(now.getTime() - (options.afterDays ?? env().ESCALATE_AFTER_DAYS) * DAY_MS);
  let total = 0;
  for (;;) {
    const escalated = await db.$transaction(async (tx) => {
      const rows = await tx.$queryRaw<{ id: string; noActiveAdmin: boolean }[]>`
        WITH due AS (
          SELECT c."id", admins."noActiveAdmin"
            FROM "AccessRequest" c
            CROSS JOIN LATERAL (
              SELECT NOT EXISTS (
                SELECT 1 FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
                 WHERE m."accountId" = c."accountId" AND m."role" = 'ADMIN' AND m."active" AND u."disabledAt" IS NULL
              ) AS "noActiveAdmin"
            ) AS admins
           WHERE c."status" = 'PENDING' AND c."escalatedAt" IS NULL
             AND (c."createdAt" <= ${cutoff} OR admins."noActiveAdmin")
           ORDER BY c."createdAt", c."id"
           LIMIT ${batchSize}
           FOR UPDATE OF c SKIP LOCKED)
        UPDATE "AccessRequest" AS r
           SET "escalatedAt" = ${now}, "updatedAt" = now()
          FROM due
         WHERE r."id" = due."id" AND r."status" = 'PENDING' AND r."escalatedAt" IS NULL
        RETURNING r."id", due."noActiveAdmin"`;
      if (rows.length === 0) return 0;
      const requests = await tx.accessRequest.findMany({ where: { id: { in: rows.map((row) => row.id) } }, select: requestNoticeSelect });
      const noActiveAdmin = new Set(rows.filter((row) => row.noActiveAdmin).map((row) => row.id));
      for (const request of requests) {
        const cause = noActiveAdmin.has(request.id) ? "noActiveAdmin" : "pendingTooLong";
        await notifySupportOfEscalation(tx, request, cause, now);
        await recordAudit(tx, {
          actorId: null,
          action: "request.escalated",
          subjectType: "AccessRequest",
          subjectId: request.id,
          after: { cause },
        });
      }
      return rows.length;
    }, { timeout: BATCH_TIMEOUT_MS });
    total += escalated;
    if (escalated < batchSize) return total;
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
 * Runs the sweep now and then every `intervalMs` until stopped, beside the outbox worker. Days are
 * the unit of both deadlines, so a minute between passes is plenty; survives the database going away.
 */
export function startRequestSweeper({ db, intervalMs = 60_000 }: { db: PrismaClient; intervalMs?: number }): RequestSweeper {
  return startPollingLoop({
    pass: async () => {
      await sweepRequests(db);
      return false;
    },
    intervalMs,
    failureMessage: "access request sweep failed; retrying later",
  });
}
