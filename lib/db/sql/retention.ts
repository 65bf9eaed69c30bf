import type { PrismaClient } from "@/lib/generated/prisma/client";

/*
 * The outbox's retention purge (lib/mail/retention.ts). SQL because each pass takes at most a batch
 * of rows with FOR UPDATE SKIP LOCKED: a first purge of a large outbox never holds long locks, and
 * never waits for rows a worker is sending.
 */

/** Deletes up to `batch` sent emails of no access request older than `cutoff`; the number deleted. */
export function deleteSentEmailsOfNoRequest(
  db: PrismaClient,
  cutoff: Date,
  batch: number,
): Promise<number> {
  return db.$executeRaw`
    DELETE FROM "EmailMessage" WHERE "id" IN (
      SELECT "id" FROM "EmailMessage"
       WHERE "status" = 'SENT' AND "requestId" IS NULL AND "createdAt" < ${cutoff} AND "sentAt" < ${cutoff}
       LIMIT ${batch} FOR UPDATE SKIP LOCKED)`;
}

/** Empties the payload of up to `batch` sent emails of an access request older than `cutoff`; the number emptied. */
export function emptySentEmailsOfRequests(
  db: PrismaClient,
  cutoff: Date,
  batch: number,
): Promise<number> {
  return db.$executeRaw`
    UPDATE "EmailMessage" SET "payload" = NULL WHERE "id" IN (
      SELECT "id" FROM "EmailMessage"
       WHERE "status" = 'SENT' AND "requestId" IS NOT NULL AND "payload" IS NOT NULL
         AND "createdAt" < ${cutoff} AND "sentAt" < ${cutoff}
       LIMIT ${batch} FOR UPDATE SKIP LOCKED)`;
}
