import { hotQuery } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

/*
 * The database's figures for /api/metrics (lib/metrics/database.ts), read at scrape time so that
 * they survive restarts and are the same from every process. SQL because each part must read an
 * index and nothing more: the backlogs from the partial indexes of the queued (and failed) rows,
 * whose size is the backlog's, never the table's; the last hour's outcomes from a range of the
 * `createdAt` indexes (an hour of email, an hour of each endpoint's deliveries). One statement, one
 * round trip, through hotQuery (the pool's own pg path); lib/metrics caches the answer.
 */

export interface DatabaseFigures {
  emailsQueued: bigint;
  emailsFailed: bigint;
  oldestQueuedEmail: Date | null;
  webhooksQueued: bigint;
  oldestQueuedWebhook: Date | null;
  /** Emails created since `since`, by their status now: `{ "SENT": 12, "QUEUED": 1 }`. */
  emailsSince: Record<string, number> | null;
  /** Webhook deliveries created since `since`, by their status now. */
  webhooksSince: Record<string, number> | null;
}

/**
 * `min("createdAt" + interval '0')`, as in the health check (lib/db/sql/health.ts): on the bare
 * column PostgreSQL may walk the whole `createdAt` index from the oldest row until it meets a
 * queued one. The webhook deliveries of the last hour are read endpoint by endpoint: a range of
 * "WebhookDelivery_endpointId_createdAt_idx" each (no index starts at the time), counted inside
 * the LATERAL so that PostgreSQL cannot turn it into a join over the whole index.
 */
export function databaseFiguresSql(since: Date): Prisma.Sql {
  return Prisma.sql`
    SELECT (SELECT count(*) FROM "EmailMessage" WHERE status = 'QUEUED') AS "emailsQueued",
           (SELECT count(*) FROM "EmailMessage" WHERE status = 'FAILED') AS "emailsFailed",
           (SELECT min("createdAt" + interval '0') FROM "EmailMessage" WHERE status = 'QUEUED')
             AS "oldestQueuedEmail",
           (SELECT count(*) FROM "WebhookDelivery" WHERE status = 'QUEUED') AS "webhooksQueued",
           (SELECT min("createdAt" + interval '0') FROM "WebhookDelivery" WHERE status = 'QUEUED')
             AS "oldestQueuedWebhook",
           (SELECT json_object_agg(status, n) FROM (
              SELECT status, count(*) AS n FROM "EmailMessage"
               WHERE "createdAt" >= ${since} GROUP BY status) e) AS "emailsSince",
           (SELECT json_object_agg(status, n) FROM (
              SELECT d.status, sum(d.n) AS n FROM "WebhookEndpoint" w
               CROSS JOIN LATERAL (SELECT status, count(*) AS n FROM "WebhookDelivery"
                                    WHERE "endpointId" = w.id AND "createdAt" >= ${since}
                                    GROUP BY status) d
               GROUP BY d.status) h) AS "webhooksSince"`;
}

/** The figures, with the outcomes of what was created since `since` (lib/metrics: the last hour). */
export async function readDatabaseFigures(since: Date): Promise<DatabaseFigures | undefined> {
  const [row] = await hotQuery<DatabaseFigures>(databaseFiguresSql(since));
  return row;
}
