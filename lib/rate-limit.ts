import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log";

const globalForLimits = globalThis as unknown as { portalLimitPool?: pg.Pool; portalLimiters?: Map<string, RateLimiterPostgres> };

/**
 * The limiters' own small pool. Like the Prisma client's (lib/db/client.ts): connecting gives up
 * after 5 s while the database is away instead of holding the lookup, and an idle connection the
 * database ends (a restart, a failover) is logged and replaced: with no `error` listener, pg's
 * pool would throw it as an uncaught exception.
 */
function limitPool(): pg.Pool {
  const pool = new pg.Pool({ connectionString: env().DATABASE_URL, max: 3, connectionTimeoutMillis: 5_000 });
  pool.on("error", (error) => logger.warn({ err: error }, "rate limiter: an idle database connection ended"));
  return pool;
}

/**
 * A limiter shared by every app instance (state in PostgreSQL, table "RateLimit" created by the
 * migrations), keyed by purpose.
 */
function limiter(keyPrefix: string, points: number, durationSeconds: number): RateLimiterPostgres {
  globalForLimits.portalLimitPool ??= limitPool();
  globalForLimits.portalLimiters ??= new Map();
  const id = `${keyPrefix}:${points}:${durationSeconds}`;
  let existing = globalForLimits.portalLimiters.get(id);
  if (!existing) {
    existing = new RateLimiterPostgres({
      storeClient: globalForLimits.portalLimitPool,
      storeType: "pool",
      tableName: "RateLimit",
      tableCreated: true,
      keyPrefix,
      points,
      duration: durationSeconds,
    });
    globalForLimits.portalLimiters.set(id, existing);
  }
  return existing;
}

/** Spends one point of `key`'s allowance, or throws RATE_LIMITED with the seconds to wait. */
export async function consumeRateLimit(purpose: string, key: string, points: number, durationSeconds: number): Promise<void> {
  try {
    await limiter(purpose, points, durationSeconds).consume(key);
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) {
      throw new AppError("RATE_LIMITED", "Too many requests", { seconds: Math.max(1, Math.ceil(rejection.msBeforeNext / 1000)) });
    }
    throw rejection;
  }
}
