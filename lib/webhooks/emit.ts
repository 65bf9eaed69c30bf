import { Prisma } from "@/lib/generated/prisma/client";
import type { RequestEvent, WebhookEvent } from "./events";

type Writer = Prisma.TransactionClient;

/** A timestamp(3) column (stored in UTC) as ISO 8601, inside jsonb_build_object. */
const iso = (column: string) => Prisma.raw(`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * Queues a request event for every enabled endpoint of the request's account subscribed to it, in
 * the transaction of the change (one INSERT … SELECT: nothing is read when the account has no
 * endpoint). The payload is the request as it is after the change (lib/webhooks/events.ts,
 * requestEventData); the worker (./worker.ts) delivers it.
 */
export async function emitRequestEvent(tx: Writer, type: RequestEvent, requestId: string): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "WebhookDelivery" ("id", "endpointId", "eventType", "payload")
    SELECT gen_random_uuid()::text, e."id", ${type},
           jsonb_build_object('type', ${type}::text, 'timestamp', ${iso("(now() AT TIME ZONE 'UTC')")}, 'data', jsonb_build_object(
             'requestId', r."id", 'accountId', r."accountId", 'accountName', a."name", 'status', r."status"::text,
             'requesterEmail', u."email", 'createdAt', ${iso('r."createdAt"')}, 'decidedAt', ${iso('r."decidedAt"')},
             'grantedRole', r."grantedRole"::text, 'decidedByEmail', d."email"))
      FROM "AccessRequest" r
      JOIN "Account" a ON a."id" = r."accountId"
      JOIN "User" u ON u."id" = r."requesterId"
      LEFT JOIN "User" d ON d."id" = r."decidedById"
      JOIN "WebhookEndpoint" e ON e."accountId" = r."accountId" AND e."disabledAt" IS NULL AND ${type}::text = ANY(e."events")
     WHERE r."id" = ${requestId}`;
}

/**
 * Queues any event of an account with the data given (the membership events: membershipEventData),
 * for every enabled endpoint of the account subscribed to it, in the change's transaction.
 */
export async function emitAccountEvent(tx: Writer, accountId: string, type: WebhookEvent, data: Prisma.InputJsonObject): Promise<void> {
  const payload = JSON.stringify({ type, timestamp: new Date().toISOString(), data });
  await tx.$executeRaw`
    INSERT INTO "WebhookDelivery" ("id", "endpointId", "eventType", "payload")
    SELECT gen_random_uuid()::text, e."id", ${type}, ${payload}::jsonb
      FROM "WebhookEndpoint" e
     WHERE e."accountId" = ${accountId} AND e."disabledAt" IS NULL AND ${type}::text = ANY(e."events")`;
}
