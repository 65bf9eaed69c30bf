import type { PrismaClient } from "@/lib/generated/prisma/client";

/*
 * The health check's reads (lib/health.ts). SQL because `_prisma_migrations` is the migration
 * engine's table, not a model of the schema, and the outbox's backlog is three counts of one scan
 * (FILTER), which Prisma's groupBy would write as several.
 */

/** The names of the migrations applied (finished, not rolled back). */
export function appliedMigrationNames(client: PrismaClient): Promise<{ name: string }[]> {
  return client.$queryRaw<{ name: string }[]>`
    SELECT migration_name AS name FROM _prisma_migrations
     WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
}

/** The outbox's queued and failed messages, and when the oldest queued one was created. */
export function outboxBacklog(
  client: PrismaClient,
): Promise<{ queued: bigint; failed: bigint; oldest: Date | null }[]> {
  return client.$queryRaw<{ queued: bigint; failed: bigint; oldest: Date | null }[]>`
    SELECT count(*) FILTER (WHERE status = 'QUEUED') AS queued,
           count(*) FILTER (WHERE status = 'FAILED') AS failed,
           min("createdAt") FILTER (WHERE status = 'QUEUED') AS oldest
      FROM "EmailMessage"`;
}
