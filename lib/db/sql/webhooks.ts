import type { SqlWriter } from "@/lib/db/client";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { MembershipRole } from "@/lib/generated/prisma/enums";
import type { MembershipEvent, RequestEvent } from "@/lib/webhooks/events";

/*
 * The webhook outbox (lib/webhooks/). SQL for the same reasons as the email outbox's
 * (lib/db/sql/outbox.ts): an event is queued in the change's own statement or transaction, one row
 * per subscribed endpoint in one INSERT … SELECT (the submit's, docs/benchmarks-history.md), and
 * the worker's claim needs FOR UPDATE SKIP LOCKED; a batch's attempts and outcomes are written
 * set-based, and an endpoint's failing state is read back from the UPDATE that sets it. A delivery's id (its `webhook-id`) is a UUIDv7 like every other id: `uuid_v7()`
 * (migration …_uuid_v7).
 */

/** A timestamp(3) column (stored in UTC) as ISO 8601, inside jsonb_build_object. */
const iso = (column: string) => Prisma.raw(`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * The statement that queues a request event for every enabled endpoint of the request's account
 * subscribed to it (nothing is read when the account has no endpoint). The request is read from
 * `requests`: the table, or, for a change that inserts the request in the same statement, the
 * WITH query that inserted it (`RETURNING *`), since a statement does not see its own inserts.
 * The payload is the request as it is after the change (lib/webhooks/events.ts,
 * requestEventData); the worker (lib/webhooks/worker.ts) delivers it.
 */
export function requestEventInsert(
  type: RequestEvent,
  requestId: string,
  requests: Prisma.Sql = Prisma.sql`"AccessRequest"`,
): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "WebhookDelivery" ("id", "endpointId", "eventType", "payload")
    SELECT uuid_v7()::text, e."id", ${type},
           jsonb_build_object('type', ${type}::text, 'timestamp', ${iso("(now() AT TIME ZONE 'UTC')")}, 'data', jsonb_build_object(
             'requestId', r."id", 'accountId', r."accountId", 'accountName', a."name", 'status', r."status"::text,
             'requesterEmail', u."email", 'createdAt', ${iso('r."createdAt"')}, 'decidedAt', ${iso('r."decidedAt"')},
             'grantedRole', r."grantedRole"::text, 'decidedByEmail', d."email"))
      FROM ${requests} r
      JOIN "Account" a ON a."id" = r."accountId"
      JOIN "User" u ON u."id" = r."requesterId"
      LEFT JOIN "User" d ON d."id" = r."decidedById"
      JOIN "WebhookEndpoint" e ON e."accountId" = r."accountId" AND e."disabledAt" IS NULL AND ${type}::text = ANY(e."events")
     WHERE r."id" = ${requestId}`;
}

/** Runs requestEventInsert for a request already written, in the change's transaction. */
export async function insertRequestEvent(
  tx: SqlWriter,
  type: RequestEvent,
  requestId: string,
): Promise<void> {
  await tx.$executeRaw(requestEventInsert(type, requestId));
}

/**
 * Queues a membership event for every enabled endpoint of the membership's account subscribed to
 * it, in the change's transaction: its data (membershipEventData) is the membership as it is after
 * the change; `role` is null once the access ended.
 */
export async function insertMembershipEvent(
  tx: SqlWriter,
  type: MembershipEvent,
  membershipId: string,
  change: { previousRole: MembershipRole; changedById: string | null },
): Promise<void> {
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO "WebhookDelivery" ("id", "endpointId", "eventType", "payload")
    SELECT uuid_v7()::text, e."id", ${type},
           jsonb_build_object('type', ${type}::text, 'timestamp', ${iso("(now() AT TIME ZONE 'UTC')")}, 'data', jsonb_build_object(
             'accountId', m."accountId", 'email', u."email", 'role', CASE WHEN m."active" THEN m."role"::text END,
             'previousRole', ${change.previousRole}::text, 'until', ${iso('m."endsAt"')}, 'changedByEmail', c."email"))
      FROM "Membership" m
      JOIN "User" u ON u."id" = m."userId"
      LEFT JOIN "User" c ON c."id" = ${change.changedById}
      JOIN "WebhookEndpoint" e ON e."accountId" = m."accountId" AND e."disabledAt" IS NULL AND ${type}::text = ANY(e."events")
     WHERE m."id" = ${membershipId}`);
}

/** A delivery as the worker claims it, with what it needs of its endpoint. */
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

/**
 * Claims due deliveries of enabled endpoints with FOR UPDATE SKIP LOCKED, pushing them past a lease
 * and marking them with the claim's token, as the email outbox does: several workers never post
 * the same delivery at once, and a worker whose claim was taken over records nothing. The body is
 * the stored payload's text, the same bytes on every attempt (and signed as such).
 */
export function claimDueDeliveries(
  db: PrismaClient,
  token: string,
  leaseMs: number,
  batchSize: number,
): Promise<ClaimedDelivery[]> {
  return db.$queryRaw<ClaimedDelivery[]>`
    WITH claimed AS (
      UPDATE "WebhookDelivery"
         SET "nextAttemptAt" = now() + make_interval(secs => ${leaseMs / 1000}::float8), "attempts" = "attempts" + 1, "claimToken" = ${token}
       WHERE "id" IN (
         SELECT d."id" FROM "WebhookDelivery" d
          WHERE d."status" = 'QUEUED' AND d."nextAttemptAt" <= now()
          ORDER BY d."nextAttemptAt"
          LIMIT ${batchSize}
          FOR UPDATE SKIP LOCKED)
      RETURNING "id", "endpointId", "payload"::text AS "body", "attempts", "createdAt")
    SELECT c.*, e."url", e."secret", e."previousSecret", e."previousSecretExpiresAt"
      FROM claimed c JOIN "WebhookEndpoint" e ON e."id" = c."endpointId"`;
}

/** One attempt's row. */
export interface AttemptRow {
  deliveryId: string;
  attemptedAt: Date;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
}

/** Every attempt of a batch, in one INSERT. */
export async function insertAttempts(db: PrismaClient, attempts: AttemptRow[]): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "WebhookAttempt" ("deliveryId", "attemptedAt", "durationMs", "statusCode", "error")
    SELECT * FROM unnest(${attempts.map((a) => a.deliveryId)}::text[], ${attempts.map((a) => a.attemptedAt.toISOString())}::timestamp(3)[],
                         ${attempts.map((a) => a.durationMs)}::int[], ${attempts.map((a) => a.statusCode)}::int[],
                         ${attempts.map((a) => a.error)}::text[])`;
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
