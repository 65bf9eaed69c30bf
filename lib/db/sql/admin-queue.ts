import type { QueueRow } from "@/lib/admin/list-queue";
import type { QueueFilters } from "@/lib/admin/schema";
import { requestStatuses } from "@/lib/admin/schema";
import type { Actor } from "@/lib/auth/actor";
import { dayStart } from "@/lib/calendar-date";
import { db } from "@/lib/db/client";
import { likePattern } from "@/lib/db/like";
import { Prisma } from "@/lib/generated/prisma/client";
import {
  KeysetRead,
  pageDirection,
  rowsToFetch,
  type KeysetPosition,
} from "@/lib/pagination/keyset";
import { administeredAccountIdsSql } from "./active-admin";
import { keysetOrderBy, keysetSeek } from "./keyset";
import { requesterAccountColumns, type RequesterAccountColumns } from "./requester-account-columns";

/*
 * The administrator's queue (lib/admin/list-queue.ts) and its pending counts. SQL because the
 * queue walks one index per account and status (a LATERAL subquery each) and the counts read a
 * partial index: plans Prisma's query builder cannot write, measured at 1M requests
 * (docs/database.md, bench/results/query-plans.md, docs/benchmarks-history.md).
 */

/**
 * visibleRequestsWhere (lib/admin/authority.ts) for the queue's statement (`r` the request), one
 * scope at a time, since the queue walks each scope's own index: "administered", the requests of
 * the accounts the actor administers (administeredAccountIdsSql), or "escalated", a super
 * administrator's escalated requests of active accounts. Conditions to AND together.
 */
export function visibleRequestsSql(
  actor: Pick<Actor, "id">,
  scope: "administered" | "escalated",
  now: Date = new Date(),
): Prisma.Sql[] {
  const notOwn = Prisma.sql`r."requesterId" <> ${actor.id}`;
  return scope === "administered"
    ? [notOwn, Prisma.sql`r."accountId" IN (${administeredAccountIdsSql(actor.id, now)})`]
    : [
        notOwn,
        Prisma.sql`r."escalatedAt" IS NOT NULL`,
        Prisma.sql`EXISTS (SELECT 1 FROM "Account" a WHERE a."id" = r."accountId" AND a."status" = 'ACTIVE')`,
      ];
}

/**
 * The ids (and positions) of one page, plus one to know whether there is another, in reading order:
 * display order, or reversed when reading backwards from a `before` cursor. `accountIds` null: the
 * super administrator's escalated scope.
 */
export function queueQuery(
  actor: Pick<Actor, "id">,
  filters: QueueFilters,
  accountIds: string[] | null,
  now: Date = new Date(),
): Prisma.Sql {
  const statuses: string[] = filters.status === "ALL" ? [...requestStatuses] : [filters.status];
  const read = new KeysetRead(pageDirection(filters), filters.order === "oldest" ? "asc" : "desc");
  const limit = rowsToFetch(filters.size);

  const conditions = visibleRequestsSql(actor, accountIds ? "administered" : "escalated", now);
  const seek = keysetSeek(read, "r");
  if (seek) conditions.push(seek);
  if (filters.from) conditions.push(Prisma.sql`r."createdAt" >= ${dayStart(filters.from)}`);
  if (filters.to) conditions.push(Prisma.sql`r."createdAt" < ${dayStart(filters.to, 1)}`);
  if (filters.q) {
    const pattern = likePattern(filters.q);
    conditions.push(Prisma.sql`EXISTS (
      SELECT 1 FROM "User" u WHERE u."id" = r."requesterId" AND (
        u."email" ILIKE ${pattern} OR u."firstName" ILIKE ${pattern} OR u."lastName" ILIKE ${pattern}
        OR concat_ws(' ', u."firstName", u."lastName") ILIKE ${pattern}))`);
  }
  if (!accountIds && filters.account)
    conditions.push(Prisma.sql`r."accountId" = ${filters.account}`);
  const where = Prisma.join(conditions, " AND ");

  return accountIds
    ? Prisma.sql`
        SELECT q."id", q."createdAt"
          FROM unnest(${accountIds}::text[]) AS acc("id")
         CROSS JOIN unnest(${statuses}::text[]) AS st("status")
         CROSS JOIN LATERAL (
           SELECT r."id", r."createdAt" FROM "AccessRequest" r
            WHERE r."accountId" = acc."id" AND r."status" = st."status"::"AccessRequestStatus" AND ${where}
            ${keysetOrderBy(read, "r")}
            LIMIT ${limit}) AS q
         ${keysetOrderBy(read, "q")}
         LIMIT ${limit}`
    : Prisma.sql`
        SELECT q."id", q."createdAt"
          FROM unnest(${statuses}::text[]) AS st("status")
         CROSS JOIN LATERAL (
           SELECT r."id", r."createdAt" FROM "AccessRequest" r
            WHERE r."status" = st."status"::"AccessRequestStatus" AND ${where}
            ${keysetOrderBy(read, "r")}
            LIMIT ${limit}) AS q
         ${keysetOrderBy(read, "q")}
         LIMIT ${limit}`;
}

/** Runs queueQuery: the positions of one page of the queue, plus one. */
export function readQueuePositions(
  actor: Pick<Actor, "id">,
  filters: QueueFilters,
  accountIds: string[] | null,
): Promise<KeysetPosition[]> {
  return db.$queryRaw<KeysetPosition[]>(queueQuery(actor, filters, accountIds));
}

/** A queue row as its statement reads it: the requester, account and decider as flat columns. */
export type FlatQueueRow = Omit<QueueRow, "requester" | "account" | "decidedBy"> &
  RequesterAccountColumns & {
    deciderEmail: string | null;
    deciderFirstName: string | null;
    deciderLastName: string | null;
  };

/** The rows of one page with their requester, account and decider: one statement. */
export function readQueueRows(ids: string[]): Promise<FlatQueueRow[]> {
  return db.$queryRaw<FlatQueueRow[]>`
    SELECT r."id", r."status"::text AS "status", r."reason", r."domain", r."createdAt", r."expiresAt", r."escalatedAt",
           r."decidedAt", r."grantedRole"::text AS "grantedRole", r."grantedScope", ${requesterAccountColumns},
           d."email" AS "deciderEmail", d."firstName" AS "deciderFirstName", d."lastName" AS "deciderLastName"
      FROM "AccessRequest" r
      JOIN "User" u ON u."id" = r."requesterId"
      JOIN "Account" a ON a."id" = r."accountId"
      LEFT JOIN "User" d ON d."id" = r."decidedById"
     WHERE r."id" = ANY(${ids}::text[])`;
}

/**
 * Pending requests per account, among the given accounts that the actor administers, without the
 * actor's own requests. Counted from the partial index on pending requests alone (the status is
 * written in the SQL, not passed as a parameter, so that every plan can use that index): about a
 * millisecond for an account with 10,000 pending requests.
 */
export function pendingCountsSql(
  actorId: string,
  accountIds: string[],
  now: Date = new Date(),
): Prisma.Sql {
  const visible = Prisma.join(visibleRequestsSql({ id: actorId }, "administered", now), " AND ");
  return Prisma.sql`
    SELECT r."accountId", count(*)::int AS "pending"
      FROM "AccessRequest" r
     WHERE r."status" = 'PENDING' AND r."accountId" = ANY(${accountIds}::text[]) AND ${visible}
     GROUP BY r."accountId"`;
}

/** Runs pendingCountsSql. */
export function readPendingCounts(
  actorId: string,
  accountIds: string[],
): Promise<{ accountId: string; pending: number }[]> {
  return db.$queryRaw<{ accountId: string; pending: number }[]>(
    pendingCountsSql(actorId, accountIds),
  );
}
