import { Prisma } from "@/lib/generated/prisma/client";
import { rateLimits, storedKey, type RateLimitName } from "@/lib/rate-limit";

/**
 * One point of the named limit spent inside the caller's own statement, as a WITH query named
 * `spent` (its row: SpentPoint), for a hot path that cannot afford the limiter's round trip (the
 * domain lookup runs at every keystroke pause; a submit spends it in its write). It is
 * rate-limiter-flexible's own upsert for its PostgreSQL store — the same table, key (`name:key`),
 * window and count — so this path and the limiter count together; `assertWithinLimit`
 * (lib/rate-limit.ts) then refuses like `consumeRateLimit`. With `when`, the point is spent only if
 * that condition holds (`spent` is then empty otherwise). In a transaction, the point commits or
 * rolls back with it.
 * SQL because it is part of a hot statement (the lookup, the submit: docs/benchmarks-history.md).
 */
export function spendInStatement(
  name: RateLimitName,
  key: string,
  now = Date.now(),
  when: Prisma.Sql = Prisma.sql`true`,
): Prisma.Sql {
  const limit = rateLimits[name];
  return Prisma.sql`spent AS (
    INSERT INTO "RateLimit" ("key", "points", "expire")
    SELECT ${`${name}:${storedKey(key)}`}::varchar, 1, ${BigInt(now + limit.seconds * 1000)}::bigint WHERE ${when}
    ON CONFLICT ("key") DO UPDATE SET
      "points" = CASE WHEN "RateLimit"."expire" <= ${BigInt(now)} THEN 1 ELSE "RateLimit"."points" + 1 END,
      "expire" = CASE WHEN "RateLimit"."expire" <= ${BigInt(now)} THEN EXCLUDED."expire" ELSE "RateLimit"."expire" END
    RETURNING "points", "expire")`;
}
