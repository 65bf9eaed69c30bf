import { Prisma } from "@/lib/generated/prisma/client";
import type { MembershipRole } from "@/lib/generated/prisma/enums";
import type { MembershipEvent, RequestEvent } from "./events";

type Writer = Prisma.TransactionClient;

/** A timestamp(3) column (stored in UTC) as ISO 8601, inside jsonb_build_object. */
const iso = (column: string) => Prisma.raw(`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

/**
 * The statement that queues a request event for every enabled endpoint of the request's account
 * subscribed to it (nothing is read when the account has no endpoint). The request is read from
 * `requests`: the table, or, for a change that inserts the request in the same statement, the
 * WITH query that inserted it (`RETURNING *`), since a statement does not see its own inserts.
 * The payload is the request as it is after the change (lib/webhooks/events.ts,
 * requestEventData); the worker (./worker.ts) delivers it.
 */
export function requestEventInsert(
  type: RequestEvent,
  requestId: string,
  requests: Prisma.Sql = Prisma.sql`"AccessRequest"`,
): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "WebhookDelivery" ("id", "endpointId", "eventType", "payload")
    SELECT gen_random_uuid()::text, e."id", ${type},
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

/** Queues a request event in the transaction of the change: see requestEventInsert. */
export async function emitRequestEvent(
  tx: Writer,
  type: RequestEvent,
  requestId: string,
): Promise<void> {
  await tx.$executeRaw(requestEventInsert(type, requestId));
}

export interface MembershipChange {
  /** The role before the change (for a removal: the role the member had). */
  previousRole: MembershipRole;
  /** Who made it; null for the sweep ending an access at its end date. */
  changedById: string | null;
}

/**
 * Queues a membership event the same way: its data (membershipEventData) is the membership as it
 * is after the change, read in the change's transaction; `role` is null once the access ended.
 */
export async function emitMembershipEvent(
  tx: Writer,
  type: MembershipEvent,
  membershipId: string,
  change: MembershipChange,
): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO "WebhookDelivery" ("id", "endpointId", "eventType", "payload")
    SELECT gen_random_uuid()::text, e."id", ${type},
           jsonb_build_object('type', ${type}::text, 'timestamp', ${iso("(now() AT TIME ZONE 'UTC')")}, 'data', jsonb_build_object(
             'accountId', m."accountId", 'email', u."email", 'role', CASE WHEN m."active" THEN m."role"::text END,
             'previousRole', ${change.previousRole}::text, 'until', ${iso('m."endsAt"')}, 'changedByEmail', c."email"))
      FROM "Membership" m
      JOIN "User" u ON u."id" = m."userId"
      LEFT JOIN "User" c ON c."id" = ${change.changedById}
      JOIN "WebhookEndpoint" e ON e."accountId" = m."accountId" AND e."disabledAt" IS NULL AND ${type}::text = ANY(e."events")
     WHERE m."id" = ${membershipId}`;
}
