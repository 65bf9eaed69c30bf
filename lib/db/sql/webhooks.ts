import type { SqlWriter } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { MembershipRole } from "@/lib/generated/prisma/enums";
import type { MembershipEvent, RequestEvent } from "@/lib/webhooks/events";
import { membershipInForceSql } from "./active-admin";

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
 * requestEventData; `grantedScope` is the JSON kept on the request, lib/requests/granted-scope.ts); the worker (lib/webhooks/worker.ts) delivers it.
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
             'grantedRole', r."grantedRole"::text, 'grantedScope', r."grantedScope", 'decidedByEmail', d."email"))
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
 * A membership's virtual accounts as membershipEventData publishes them: id, the names from the
 * root down (`path`), role, includeSubAccounts, by path; an empty array for none.
 */
const virtualAccountsJson = (membership: string) =>
  Prisma.raw(`COALESCE((
    SELECT jsonb_agg(jsonb_build_object('id', g."virtualAccountId", 'path', n."names", 'role', g."role"::text,
                                        'includeSubAccounts', g."includeSubAccounts") ORDER BY n."names")
      FROM "VirtualAccountGrant" g
      JOIN "VirtualAccount" v ON v."id" = g."virtualAccountId"
      CROSS JOIN LATERAL (
        SELECT array_agg(a."name" ORDER BY p."depth") AS "names"
          FROM unnest(v."path") WITH ORDINALITY AS p("id", "depth")
          JOIN "VirtualAccount" a ON a."id" = p."id") n
     WHERE g."membershipId" = ${membership}."id"), '[]'::jsonb)`);

/**
 * Queues a membership event for every enabled endpoint of the membership's account subscribed to
 * it, in the change's transaction: its data (membershipEventData) is the membership as it is after
 * the change; `role` is null once the access ended — the membership no longer in force at `now`
 * (membership_in_force: an end date that passed ended it, swept or not) — and for a membership of
 * virtual accounts (its column holds a placeholder), whose roles are `virtualAccounts` (empty once
 * the access ended, and for the whole account).
 */
export async function insertMembershipEvent(
  tx: SqlWriter,
  type: MembershipEvent,
  membershipId: string,
  change: { previousRole: MembershipRole | null; changedById: string | null },
  now: Date = new Date(),
): Promise<void> {
  const inForce = membershipInForceSql("m", now);
  await tx.$executeRaw(Prisma.sql`
    INSERT INTO "WebhookDelivery" ("id", "endpointId", "eventType", "payload")
    SELECT uuid_v7()::text, e."id", ${type},
           jsonb_build_object('type', ${type}::text, 'timestamp', ${iso("(now() AT TIME ZONE 'UTC')")}, 'data', jsonb_build_object(
             'accountId', m."accountId", 'email', u."email",
             'scope', CASE m."scope" WHEN 'ACCOUNT' THEN 'account' ELSE 'virtualAccounts' END,
             'role', CASE WHEN m."scope" = 'ACCOUNT' AND ${inForce} THEN m."role"::text END,
             'virtualAccounts', CASE WHEN m."scope" = 'VIRTUAL_ACCOUNTS' AND ${inForce} THEN ${virtualAccountsJson("m")} ELSE '[]'::jsonb END,
             'previousRole', ${change.previousRole}::text, 'until', ${iso('m."endsAt"')}, 'changedByEmail', c."email"))
      FROM "Membership" m
      JOIN "User" u ON u."id" = m."userId"
      LEFT JOIN "User" c ON c."id" = ${change.changedById}
      JOIN "WebhookEndpoint" e ON e."accountId" = m."accountId" AND e."disabledAt" IS NULL AND ${type}::text = ANY(e."events")
     WHERE m."id" = ${membershipId}`);
}
