import type { SqlWriter } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { escalationCauseSql } from "./escalation";

/**
 * Expires up to `batchSize` PENDING requests past their expiry date, soonest first, and returns
 * their ids. SQL for the lock: rows are picked FOR UPDATE SKIP LOCKED (concurrent sweeps take
 * different rows) and the UPDATE re-checks PENDING (a decision at the same moment wins or waits).
 */
export function expireOverdueRequestBatch(
  tx: SqlWriter,
  now: Date,
  batchSize: number,
): Promise<{ id: string }[]> {
  return tx.$queryRaw<{ id: string }[]>(Prisma.sql`
        UPDATE "AccessRequest" AS r
           SET "status" = 'EXPIRED', "decidedAt" = ${now}, "updatedAt" = now()
         WHERE r."status" = 'PENDING'
           AND r."id" IN (
             SELECT "id" FROM "AccessRequest"
              WHERE "status" = 'PENDING' AND "expiresAt" <= ${now}
              ORDER BY "expiresAt"
              LIMIT ${batchSize}
              FOR UPDATE SKIP LOCKED)
        RETURNING r."id"`);
}

/**
 * Locks up to `batchSize` requests due for escalation at `now` (the rule, escalationCauseSql),
 * oldest first, and returns their ids. SQL for the lock and the scan: FOR UPDATE SKIP LOCKED lets
 * several workers share the work. The status and `escalatedAt` conditions, also part of the rule,
 * are repeated outside it so that the (status, createdAt, id) index serves the scan.
 */
export function lockDueEscalationBatch(
  tx: SqlWriter,
  now: Date,
  afterDays: number,
  batchSize: number,
): Promise<{ id: string }[]> {
  return tx.$queryRaw<{ id: string }[]>(Prisma.sql`
        SELECT c."id" FROM "AccessRequest" c
         WHERE c."status" = 'PENDING' AND c."escalatedAt" IS NULL
           AND ${escalationCauseSql("c", now, afterDays)} IS NOT NULL
         ORDER BY c."createdAt", c."id"
         LIMIT ${batchSize}
         FOR UPDATE OF c SKIP LOCKED`);
}
