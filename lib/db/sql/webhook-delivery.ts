import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";

/** A due delivery as the webhook worker claimed it, with what it needs to sign and post it. */
export interface ClaimedDelivery {
  id: string;
  endpointId: string;
  body: string;
  attempts: number;
  createdAt: Date;
  url: string;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

export interface ClaimOptions {
  /** The claim's token, written on each row. */
  token: string;
  /** How long the rows stay invisible to other workers. */
  leaseMs: number;
  batchSize: number;
  /** At most this many deliveries of one endpoint in flight at once, across every worker. */
  perEndpoint: number;
}

/**
 * Claims due deliveries of enabled endpoints with FOR UPDATE SKIP LOCKED, pushing them past a lease
 * and marking them with the claim's token, as the email outbox does: several workers never post
 * the same delivery at once, and a worker whose claim was taken over records nothing. Each endpoint
 * gets at most `perEndpoint` less what other claims hold of it now (rows under a claim whose lease
 * has not ended), oldest first: one slow or black-holed endpoint never takes a whole batch, so the
 * others are not kept waiting behind it and a batch still ends within its lease. A disabled
 * endpoint's deliveries are never claimed. The body is the stored payload's text, the same bytes
 * on every attempt (and signed as such).
 */
export function claimDueDeliveries(
  db: PrismaClient,
  { token, leaseMs, batchSize, perEndpoint }: ClaimOptions,
): Promise<ClaimedDelivery[]> {
  return db.$queryRaw<ClaimedDelivery[]>`
    WITH claimed AS (
      UPDATE "WebhookDelivery"
         SET "nextAttemptAt" = now() + make_interval(secs => ${leaseMs / 1000}::float8), "attempts" = "attempts" + 1, "claimToken" = ${token}
       WHERE "id" IN (
         SELECT due."id"
           FROM "WebhookEndpoint" e
          CROSS JOIN LATERAL (
            SELECT count(*)::int AS n FROM "WebhookDelivery" f
             WHERE f."endpointId" = e."id" AND f."status" = 'QUEUED' AND f."claimToken" IS NOT NULL AND f."nextAttemptAt" > now()) busy
          CROSS JOIN LATERAL (
            SELECT d."id", d."nextAttemptAt" FROM "WebhookDelivery" d
             WHERE d."endpointId" = e."id" AND d."status" = 'QUEUED' AND d."nextAttemptAt" <= now()
             ORDER BY d."nextAttemptAt"
             LIMIT GREATEST(0, ${perEndpoint}::int - busy.n)
             FOR UPDATE SKIP LOCKED) due
          WHERE e."disabledAt" IS NULL
          ORDER BY due."nextAttemptAt"
          LIMIT ${batchSize})
      RETURNING "id", "endpointId", "payload"::text AS "body", "attempts", "createdAt")
    SELECT c.*, e."url", e."secret", e."previousSecret", e."previousSecretExpiresAt"
      FROM claimed c JOIN "WebhookEndpoint" e ON e."id" = c."endpointId"`;
}

export interface AttemptRow {
  deliveryId: string;
  attemptedAt: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
}

/**
 * Records a batch's attempts in one INSERT, of deliveries that still exist: an endpoint deleted
 * while its delivery was on the wire took its log with it (FOR KEY SHARE waits for a delete under
 * way, then skips its rows), and the rest of the batch is recorded all the same.
 */
export function insertAttempts(db: PrismaClient, attempts: AttemptRow[]): Promise<number> {
  return db.$executeRaw`
    INSERT INTO "WebhookAttempt" ("deliveryId", "attemptedAt", "durationMs", "statusCode", "error")
    SELECT a.*
      FROM unnest(${attempts.map((a) => a.deliveryId)}::text[], ${attempts.map((a) => a.attemptedAt.toISOString())}::timestamp(3)[],
                  ${attempts.map((a) => a.durationMs)}::int[], ${attempts.map((a) => a.statusCode)}::int[],
                  ${attempts.map((a) => a.error)}::text[]) AS a("deliveryId", "attemptedAt", "durationMs", "statusCode", "error")
      JOIN (SELECT "id" FROM "WebhookDelivery" WHERE "id" = ANY(${attempts.map((a) => a.deliveryId)}::text[]) FOR KEY SHARE) d
        ON d."id" = a."deliveryId"`;
}

/** Locks an endpoint's row until the transaction ends: changes of one endpoint made one after the other. */
export async function lockEndpoint(
  tx: Prisma.TransactionClient,
  endpointId: string,
): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM "WebhookEndpoint" WHERE "id" = ${endpointId} FOR UPDATE`;
}

/** Marks the claim's deliveries `ids` DELIVERED at `now`, if still under the claim; the number marked. */
export function markDelivered(
  db: PrismaClient,
  token: string,
  ids: string[],
  now: Date,
): Promise<number> {
  return db.$executeRaw`
      UPDATE "WebhookDelivery" SET "status" = 'DELIVERED', "deliveredAt" = ${now}, "lastError" = NULL, "claimToken" = NULL
       WHERE "id" = ANY(${ids}::text[]) AND "claimToken" = ${token} AND "status" = 'QUEUED'`;
}

/** Clears `failingSince` of these endpoints (an attempt was delivered). */
export async function clearFailingSince(db: PrismaClient, endpointIds: string[]): Promise<void> {
  await db.$executeRaw`UPDATE "WebhookEndpoint" SET "failingSince" = NULL WHERE "id" = ANY(${endpointIds}::text[]) AND "failingSince" IS NOT NULL`;
}

/**
 * Sets `failingSince` of these enabled endpoints to `firstFailure` unless already set; each one's
 * `failingSince` after the change.
 */
export function markFailing(
  db: PrismaClient,
  endpointIds: string[],
  firstFailure: Date,
): Promise<{ id: string; failingSince: Date }[]> {
  return db.$queryRaw<{ id: string; failingSince: Date }[]>`
    UPDATE "WebhookEndpoint" SET "failingSince" = COALESCE("failingSince", ${firstFailure})
     WHERE "id" = ANY(${endpointIds}::text[]) AND "disabledAt" IS NULL
    RETURNING "id", "failingSince"`;
}
