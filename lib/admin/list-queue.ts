import { cache } from "react";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AccessRequestStatus, MembershipRole } from "@/lib/generated/prisma/enums";
import { dayStart } from "@/lib/calendar-date";
import { likePattern } from "@/lib/db/like";
import {
  encodeCursor,
  keysetPage,
  pageDirection,
  rowsToFetch,
  type KeysetPosition,
} from "@/lib/pagination/keyset";
import { KeysetRead } from "@/lib/pagination/keyset-sql";
import {
  requesterAccountColumns,
  type RequesterAccountColumns,
} from "@/lib/requests/requester-account-columns";
import { administeredAccounts, visibleRequestsSql } from "./authority";
import { requestStatuses, type QueueFilters } from "./schema";

type Person = { email: string; firstName: string | null; lastName: string | null };

export interface QueueRow {
  id: string;
  status: AccessRequestStatus;
  reason: string;
  domain: string;
  createdAt: Date;
  expiresAt: Date;
  escalatedAt: Date | null;
  decidedAt: Date | null;
  grantedRole: MembershipRole | null;
  requester: Person & { company: string | null };
  account: { id: string; name: string };
  decidedBy: Person | null;
}

type FlatQueueRow = Omit<QueueRow, "requester" | "account" | "decidedBy"> &
  RequesterAccountColumns & {
    deciderEmail: string | null;
    deciderFirstName: string | null;
    deciderLastName: string | null;
  };

/** The rows of one page with their requester, account and decider: one statement. */
async function queueRows(ids: string[]): Promise<Map<string, QueueRow>> {
  if (ids.length === 0) return new Map();
  const found = await db.$queryRaw<FlatQueueRow[]>`
    SELECT r."id", r."status"::text AS "status", r."reason", r."domain", r."createdAt", r."expiresAt", r."escalatedAt",
           r."decidedAt", r."grantedRole"::text AS "grantedRole", ${requesterAccountColumns},
           d."email" AS "deciderEmail", d."firstName" AS "deciderFirstName", d."lastName" AS "deciderLastName"
      FROM "AccessRequest" r
      JOIN "User" u ON u."id" = r."requesterId"
      JOIN "Account" a ON a."id" = r."accountId"
      LEFT JOIN "User" d ON d."id" = r."decidedById"
     WHERE r."id" = ANY(${ids}::text[])`;
  return new Map(
    found.map((row) => [
      row.id,
      {
        id: row.id,
        status: row.status,
        reason: row.reason,
        domain: row.domain,
        createdAt: row.createdAt,
        expiresAt: row.expiresAt,
        escalatedAt: row.escalatedAt,
        decidedAt: row.decidedAt,
        grantedRole: row.grantedRole,
        requester: {
          email: row.requesterEmail,
          firstName: row.requesterFirstName,
          lastName: row.requesterLastName,
          company: row.requesterCompany,
        },
        account: { id: row.accountId, name: row.accountName },
        decidedBy: row.deciderEmail
          ? {
              email: row.deciderEmail,
              firstName: row.deciderFirstName,
              lastName: row.deciderLastName,
            }
          : null,
      },
    ]),
  );
}

export interface QueuePage {
  rows: QueueRow[];
  /** Cursors for the neighbouring pages (`after=` / `before=`), null at either end. */
  next: string | null;
  previous: string | null;
  /** The accounts the actor administers, with their pending requests, for the account filter. */
  accounts: AdministeredAccount[];
  /** "escalated" only for a super administrator: asked for, or the only one of a super administrator who administers no account. */
  scope: QueueFilters["scope"];
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
  const seek = read.seek("r");
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
            ${read.orderBy("r")}
            LIMIT ${limit}) AS q
         ${read.orderBy("q")}
         LIMIT ${limit}`
    : Prisma.sql`
        SELECT q."id", q."createdAt"
          FROM unnest(${statuses}::text[]) AS st("status")
         CROSS JOIN LATERAL (
           SELECT r."id", r."createdAt" FROM "AccessRequest" r
            WHERE r."status" = st."status"::"AccessRequestStatus" AND ${where}
            ${read.orderBy("r")}
            LIMIT ${limit}) AS q
         ${read.orderBy("q")}
         LIMIT ${limit}`;
}

/**
 * One page of the administrator's queue, in (createdAt, id) order, by keyset: the page after (or
 * before) a cursor. For each administered account and each status asked for, a LATERAL subquery
 * walks the (accountId, status, createdAt, id) index from the cursor and stops after one page; the
 * outer query merges those few rows. The cost is (accounts × statuses × page size) index entries
 * whatever the size of the table (docs/database.md; `npm run bench` writes the plan at 1M requests to
 * bench/results/query-plans.md).
 * A super administrator's "escalated" scope walks (status, createdAt, id) instead. `within` narrows
 * either scope further (an API token limited to some accounts).
 */
export async function listQueue(
  actor: Actor,
  filters: QueueFilters,
  within?: readonly string[],
): Promise<QueuePage> {
  const accounts = await administeredAccountsWithPending(actor.id);
  // A super administrator who administers no account has only the escalated requests to look at.
  const escalated =
    actor.platformRole === "SUPERADMIN" && (filters.scope === "escalated" || accounts.length === 0);
  const scope = escalated ? "escalated" : "mine";
  // `within` holds in every scope: the escalated one spans every account, so a read limited to
  // some accounts sees escalated requests only of the one of them it names.
  if (escalated && within && !(filters.account && within.includes(filters.account)))
    return { rows: [], next: null, previous: null, accounts, scope };
  const accountIds = escalated
    ? null
    : accounts
        .filter(
          (a) =>
            (!filters.account || a.id === filters.account) && (!within || within.includes(a.id)),
        )
        .map((a) => a.id);
  if (accountIds?.length === 0) return { rows: [], next: null, previous: null, accounts, scope };

  const direction = pageDirection(filters);
  const found = await db.$queryRaw<KeysetPosition[]>(queueQuery(actor, filters, accountIds));
  const page = keysetPage(found, direction, filters.size);
  const byId = await queueRows(page.rows.map((row) => row.id));
  return {
    rows: page.rows.map((row) => byId.get(row.id)).filter((row): row is QueueRow => Boolean(row)),
    scope,
    accounts,
    next: page.next && encodeCursor(page.next),
    previous: page.previous && encodeCursor(page.previous),
  };
}

/**
 * Pending requests per account, among the given accounts that the actor administers, without the
 * actor's own requests. Counted from the partial index on pending requests alone (the status is
 * written in the SQL, not passed as a parameter, so that every plan can use that index): about a
 * millisecond for an account with 10,000 pending requests.
 */
export async function pendingCountsByAccount(
  actor: Pick<Actor, "id">,
  accountIds: string[],
): Promise<Map<string, number>> {
  if (accountIds.length === 0) return new Map();
  const groups = await db.$queryRaw<{ accountId: string; pending: number }[]>(
    pendingCountsSql(actor.id, accountIds),
  );
  return new Map(groups.map((group) => [group.accountId, group.pending]));
}

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

/**
 * The accounts the user administers, by name, each with its pending requests (not the user's own).
 * Read once per request (React cache): the menu's badge, the queue's account filter and the
 * accounts page share it.
 */
export const administeredAccountsWithPending = cache(
  async (userId: string): Promise<AdministeredAccount[]> => {
    const accounts = await administeredAccounts(db, userId);
    const pending = await pendingCountsByAccount(
      { id: userId },
      accounts.map((account) => account.id),
    );
    return accounts.map((account) => ({ ...account, pending: pending.get(account.id) ?? 0 }));
  },
);

export interface AdministeredAccount {
  id: string;
  name: string;
  pending: number;
}
