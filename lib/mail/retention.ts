import { deleteSentEmailsOfNoRequest, emptySentEmailsOfRequests } from "@/lib/db/sql/retention";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { startPollingLoop, type PollingLoop } from "@/lib/jobs/polling-loop";
import { DAY_MS } from "@/lib/time";

/** Rows handled per statement, so that a first purge of a large outbox never holds long locks. */
const PURGE_BATCH = 1000;

export interface RetentionReport {
  /** Sent emails of no access request (sign-in links), deleted. */
  deleted: number;
  /** Sent emails of an access request, emptied: the row stays for the request's timeline. */
  emptied: number;
}

/**
 * Removes what sent emails said once they are older than the retention period. An email that
 * belongs to an access request keeps its row without its payload: the support timeline still shows
 * its template, recipient, status and times (lib/support/timeline.ts reads nothing else from a row
 * without payload). Other sent emails (sign-in links) are deleted. Queued, held and failed messages
 * are left alone. The `createdAt` condition, implied by the `sentAt` one, lets the createdAt index
 * find the candidates. The statements: lib/db/sql/retention.ts.
 */
export async function purgeSentEmails(
  db: PrismaClient,
  retentionDays: number,
  now = new Date(),
): Promise<RetentionReport> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const deleted = await deleteSentEmailsOfNoRequest(db, cutoff, PURGE_BATCH);
  const emptied = await emptySentEmailsOfRequests(db, cutoff, PURGE_BATCH);
  return { deleted, emptied };
}

/**
 * The purge every `intervalMs` (hourly, RETENTION_PURGE_MS), and again at once while a pass fills a
 * whole batch; a minute after a pass that failed.
 */
export function startRetentionPurge(
  db: PrismaClient,
  retentionDays: number,
  intervalMs: number,
): PollingLoop {
  return startPollingLoop({
    pass: async () => {
      const { deleted, emptied } = await purgeSentEmails(db, retentionDays);
      return deleted >= PURGE_BATCH || emptied >= PURGE_BATCH;
    },
    intervalMs,
    retryMs: 60_000,
    failureMessage: "outbox retention purge could not reach the database; retrying",
  });
}
