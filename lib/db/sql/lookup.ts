import { hotQuery } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { SpentPoint } from "@/lib/rate-limit";
import { spendInStatement } from "./rate-limit";

/**
 * The account (`account`: its alias in the statement) has this normalised identifier: an index
 * lookup on AccountDomain. SQL because the lookup and the submit are hot statements (docs/benchmarks-history.md).
 */
export function hasIdentifier(account: Prisma.Sql, domain: string): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM "AccountDomain" d WHERE d."accountId" = ${account}."id" AND d."domain" = ${domain})`;
}

/**
 * One statement spends a point of the user's lookup limit and finds the active accounts with this
 * normalised identifier (at most 50, by name): a refusal answers RATE_LIMITED whatever the lookup
 * found. The row of the spent point comes back even when no account matches (id and name null).
 * SQL through hotQuery: the lookup runs at every pause in typing (docs/benchmarks-history.md).
 */
export function spendLookupAndFindAccounts(
  userId: string,
  domain: string,
): Promise<(SpentPoint & { id: string | null; name: string | null })[]> {
  return hotQuery(Prisma.sql`
    WITH ${spendInStatement("lookup", userId)}
    SELECT spent."points", spent."expire", match."id", match."name"
      FROM spent
      LEFT JOIN LATERAL (
        SELECT a."id", a."name" FROM "Account" a
         WHERE a."status" = 'ACTIVE' AND ${hasIdentifier(Prisma.sql`a`, domain)}
         ORDER BY a."name", a."id"
         LIMIT 50) match ON true`);
}
