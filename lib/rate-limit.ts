import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";

const globalForLimits = globalThis as unknown as { portalLimitPool?: pg.Pool; portalLimiters?: Map<string, RateLimiterPostgres> };

/**
 * A limiter shared by every app instance (state in PostgreSQL, table "RateLimit" created by the
 * migrations), keyed by purpose.
 */
function limiter(keyPrefix: string, points: number, durationSeconds: number): RateLimiterPostgres {
  globalForLimits.portalLimitPool ??= new pg.Pool({ connectionString: env().DATABASE_URL, max: 3 });
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
