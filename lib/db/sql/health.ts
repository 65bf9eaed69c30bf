import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";

/*
 * The health check's reads (lib/health.ts). SQL because `_prisma_migrations` is the migration
 * engine's table, not a model of the schema, and the outbox's backlog is three reads of partial
 * indexes in one statement.
 */

/** The names of the migrations applied (finished, not rolled back): a table of a few dozen rows. */
export function appliedMigrationNames(client: PrismaClient): Promise<{ name: string }[]> {
  return client.$queryRaw<{ name: string }[]>`
    SELECT migration_name AS name FROM _prisma_migrations
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
}

/**
 * The outbox's queued and failed messages, and when the oldest queued one was created: each read
 * from its partial index ("EmailMessage_queued_idx", "EmailMessage_failed_idx"), so its cost is
 * the backlog's size, never the table's (a million sent emails are not read). The oldest is
 * `min("createdAt" + interval '0')`: on the bare column PostgreSQL may instead walk
 * "EmailMessage_createdAt_idx" from the oldest email until it meets a queued one, which reads
 * every sent email older than the backlog (the health test saw it choose that plan).
 */
export const OUTBOX_BACKLOG = Prisma.sql`
  SELECT (SELECT count(*) FROM "EmailMessage" WHERE status = 'QUEUED') AS queued,
         (SELECT count(*) FROM "EmailMessage" WHERE status = 'FAILED') AS failed,
         (SELECT min("createdAt" + interval '0') FROM "EmailMessage" WHERE status = 'QUEUED') AS oldest`;

export function outboxBacklog(
  client: PrismaClient,
): Promise<{ queued: bigint; failed: bigint; oldest: Date | null }[]> {
  return client.$queryRaw<{ queued: bigint; failed: bigint; oldest: Date | null }[]>(
    OUTBOX_BACKLOG,
  );
}
