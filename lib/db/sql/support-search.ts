import { dayStart } from "@/lib/calendar-date";
import { db } from "@/lib/db/client";
import { likePattern } from "@/lib/db/like";
import { Prisma } from "@/lib/generated/prisma/client";
import { KeysetRead, type PageDirection } from "@/lib/pagination/keyset";
import type { RequestSearch } from "@/lib/support/search-params";
import type { RequestSearchRow } from "@/lib/support/search-requests";
import { keysetOrderBy, keysetSeek } from "./keyset";
import { requesterAccountColumns } from "./requester-account-columns";

/*
 * The support search and its CSV export (lib/support/). SQL because each condition is written so
 * PostgreSQL serves it from an index, the page is chosen on AccessRequest alone before its join,
 * and the count stops at a cap: plans measured at 1M requests and held by
 * tests/integration/support-query-plans.test.ts (docs/database.md, "The support search").
 */

/** Counting every match at a million rows is slow; past this, the page says "more than". */
export const MATCH_COUNT_CAP = 1000;
/**
 * An email prefix matching at most this many users is searched by their ids: the plan then does
 * not depend on how many users PostgreSQL guesses the prefix matches (docs/database.md, "The support search").
 */
export const PREFIX_USERS_BY_ID = 2000;

const columns = Prisma.sql`
  r."id", r."createdAt", r."status"::text AS "status", r."escalatedAt", r."decidedAt", r."expiresAt", r."domain", r."reason",
  r."grantedRole"::text AS "grantedRole", r."requesterId", ${requesterAccountColumns}`;

/**
 * The search's conditions, on AccessRequest alone (users and accounts through subqueries, so the
 * count needs no join). Each is written so PostgreSQL can serve it from an index (see
 * docs/database.md, "The support search"): email by User_email_key / User_email_prefix_idx, the identifier
 * through AccountDomain's (domain, accountId), status and dates by AccessRequest (status, createdAt, id).
 */
export function searchConditions(filters: RequestSearch, requesterIds?: string[]): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (filters.requestId) conditions.push(Prisma.sql`r."id" = ${filters.requestId}`);
  if (requesterIds) {
    conditions.push(Prisma.sql`r."requesterId" = ANY(${requesterIds}::text[])`);
  } else if (filters.email) {
    const email =
      filters.emailMatch === "exact"
        ? Prisma.sql`= ${filters.email}`
        : Prisma.sql`LIKE ${likePattern(filters.email, "prefix")}`;
    conditions.push(
      Prisma.sql`r."requesterId" IN (SELECT ru."id" FROM "User" ru WHERE ru."email" ${email})`,
    );
  }
  if (filters.domain) {
    conditions.push(
      Prisma.sql`r."accountId" IN (SELECT d."accountId" FROM "AccountDomain" d WHERE d."domain" = ${filters.domain})`,
    );
  }
  // Accounts are few next to requests: reading their names is cheap, the requests come by index.
  if (filters.account)
    conditions.push(
      Prisma.sql`r."accountId" IN (SELECT ra."id" FROM "Account" ra WHERE ra."name" ILIKE ${likePattern(filters.account)})`,
    );
  if (filters.status)
    conditions.push(Prisma.sql`r."status" = CAST(${filters.status} AS "AccessRequestStatus")`);
  if (filters.escalated)
    conditions.push(
      filters.escalated === "yes"
        ? Prisma.sql`r."escalatedAt" IS NOT NULL`
        : Prisma.sql`r."escalatedAt" IS NULL`,
    );
  if (filters.from) conditions.push(Prisma.sql`r."createdAt" >= ${dayStart(filters.from)}`);
  if (filters.to) conditions.push(Prisma.sql`r."createdAt" < ${dayStart(filters.to, 1)}`);
  return conditions;
}

const where = (conditions: Prisma.Sql[]) =>
  conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;

/**
 * One page of matches, newest first, by keyset on (createdAt, id): `after` gives older rows than
 * the cursor, `before` newer ones (read oldest first; keysetPage reverses them).
 */
export function requestPageSql(
  filters: RequestSearch,
  direction: PageDirection,
  limit: number,
  requesterIds?: string[],
): Prisma.Sql {
  const read = new KeysetRead(direction, "desc");
  const conditions = searchConditions(filters, requesterIds);
  const seek = keysetSeek(read, "r");
  if (seek) conditions.push(seek);
  // The page is chosen on AccessRequest alone, then its few rows are joined to their requester and
  // account (never the other way round: an account can have a hundred thousand requests).
  return Prisma.sql`
    SELECT ${columns}
      FROM (SELECT * FROM "AccessRequest" r ${where(conditions)} ${keysetOrderBy(read, "r")} LIMIT ${limit}) r
      JOIN "User" u ON u."id" = r."requesterId"
      JOIN "Account" a ON a."id" = r."accountId"
     ${keysetOrderBy(read, "r")}`;
}

/** Runs requestPageSql. */
export function readRequestPage(
  filters: RequestSearch,
  direction: PageDirection,
  limit: number,
  requesterIds?: string[],
): Promise<RequestSearchRow[]> {
  return db.$queryRaw<RequestSearchRow[]>(requestPageSql(filters, direction, limit, requesterIds));
}

/** How many requests match, counting no further than `cap` + 1. */
export function matchCountSql(
  filters: RequestSearch,
  cap = MATCH_COUNT_CAP,
  requesterIds?: string[],
): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::int AS "count" FROM (SELECT 1 FROM "AccessRequest" r ${where(searchConditions(filters, requesterIds))} LIMIT ${cap + 1}) matched`;
}

/** Runs matchCountSql. */
export async function countMatches(
  filters: RequestSearch,
  cap: number,
  requesterIds?: string[],
): Promise<number> {
  const counted = await db.$queryRaw<{ count: number }[]>(
    matchCountSql(filters, cap, requesterIds),
  );
  return counted[0]?.count ?? 0;
}

/**
 * The users an email prefix matches, when they are few enough to search by id (else undefined: the
 * prefix then stays a condition, and a common prefix is found quickly walking requests by date).
 * PostgreSQL's guess of a prefix's matches can be wrong by 100×, and with it the choice between
 * starting from the users or from the newest requests: 10 ms or 1.5 s at a million requests.
 */
export async function prefixRequesterIds(filters: RequestSearch): Promise<string[] | undefined> {
  if (!filters.email || filters.emailMatch === "exact") return undefined;
  const users = await db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "User" WHERE "email" LIKE ${likePattern(filters.email, "prefix")} LIMIT ${PREFIX_USERS_BY_ID + 1}`;
  return users.length <= PREFIX_USERS_BY_ID ? users.map((user) => user.id) : undefined;
}
