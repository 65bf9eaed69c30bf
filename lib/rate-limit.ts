import { createHash } from "node:crypto";
import pg from "pg";
import {
  RateLimiterMemory,
  RateLimiterPostgres,
  RateLimiterRes,
  type RateLimiterAbstract,
} from "rate-limiter-flexible";
import { Prisma } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/log";

const MINUTE = 60;
const HOUR = 60 * MINUTE;

interface Limit {
  /** Attempts allowed per window (a function when it comes from the environment). */
  points: number | (() => number);
  /** Length of the window, in seconds. */
  seconds: number;
  /**
   * "memory": counted by each app server on its own (so N servers allow N times the points), for a
   * hot path where a shared counter would cost a write on one row per key at every call.
   */
  store?: "memory";
}

/**
 * Every limit of the portal, with its numbers: whatever sends email or costs the server has one.
 * Shared by every app instance (state in PostgreSQL, table "RateLimit" created by the migrations),
 * keyed by the user's id unless said otherwise.
 *
 * Not here, because it is a rule of the request rather than a rate: a reminder is allowed once per
 * REMINDER_INTERVAL_HOURS per request (checked in the UPDATE of send-reminder.ts, so two clicks at
 * once send one).
 */
export const rateLimits = {
  /** Sign-in links to one email address, known or not (keyed by the address). */
  signInLinkPerAddress: { points: 5, seconds: 15 * MINUTE },
  /**
   * Sign-in links asked for from one client address, whatever the email addresses: an office
   * behind one address signs in rarely (sessions last weeks), a script trying addresses does not.
   */
  signInLinkPerClient: { points: 30, seconds: 15 * MINUTE },
  /** Access requests submitted: each one emails every administrator of the account. */
  submitRequest: { points: 10, seconds: HOUR },
  /** Support cases opened: each one emails support staff. */
  openSupportCase: { points: 5, seconds: HOUR },
  /** Profile saves (each writes an audit event). */
  updateProfile: { points: 30, seconds: HOUR },
  /** Account Domain Identifier lookups, so the lookup cannot list every account. */
  lookup: { points: () => env().LOOKUP_RATE_LIMIT_PER_MINUTE, seconds: MINUTE },
  /** Calls to /api/v1 per API token (keyed by the token's id), reads of lists and requests. */
  apiRead: { points: 600, seconds: MINUTE },
  /** Decisions through /api/v1 per API token: each one emails the requester. */
  apiDecision: { points: 60, seconds: MINUTE },
  /**
   * Access checks per API token, per app server: a downstream tool calls it at every sign-in of
   * its users, so it is counted in memory (see `store`).
   */
  apiAccessCheck: { points: 6000, seconds: MINUTE, store: "memory" },
  /**
   * Calls to /api/health per client address (lib/http/peer-address.ts), per app server: a public
   * route that reads the database, polled by load balancers and monitors every few seconds. In
   * memory, so that it costs no write and still answers while the database is away.
   */
  health: { points: 300, seconds: MINUTE, store: "memory" },
} satisfies Record<string, Limit>;

export type RateLimitName = keyof typeof rateLimits;

const globalForLimits = globalThis as unknown as {
  portalLimitPool?: pg.Pool;
  portalLimiters?: Map<string, RateLimiterAbstract>;
};

/**
 * The limiters' own small pool. Like the Prisma client's (lib/db/client.ts): connecting gives up
 * after 5 s while the database is away instead of holding the lookup, and an idle connection the
 * database ends (a restart, a failover) is logged and replaced: with no `error` listener, pg's
 * pool would throw it as an uncaught exception.
 */
function limitPool(): pg.Pool {
  const pool = new pg.Pool({
    connectionString: env().DATABASE_URL,
    max: 3,
    connectionTimeoutMillis: 5_000,
  });
  pool.on("error", (error) =>
    logger.warn({ err: error }, "rate limiter: an idle database connection ended"),
  );
  return pool;
}

/**
 * rate-limiter-flexible names its statements, which PostgreSQL prepares per connection: behind a
 * pooler in transaction mode (PgBouncer), two clients then meet on one server connection and fail
 * with "prepared statement already exists". Sent unnamed, each query stands alone.
 */
function unnamedStatements(pool: pg.Pool): Pick<pg.Pool, "query"> {
  return {
    query: (query: pg.QueryConfig) => pool.query({ text: query.text, values: query.values }),
  } as Pick<pg.Pool, "query">;
}

function pointsOf(limit: Limit): number {
  return typeof limit.points === "function" ? limit.points() : limit.points;
}

function limiter(name: RateLimitName): RateLimiterAbstract {
  const limit: Limit = rateLimits[name];
  const points = pointsOf(limit);
  globalForLimits.portalLimiters ??= new Map();
  const id = `${name}:${points}:${limit.seconds}`;
  let existing = globalForLimits.portalLimiters.get(id);
  if (!existing && limit.store === "memory") {
    existing = new RateLimiterMemory({ keyPrefix: name, points, duration: limit.seconds });
    globalForLimits.portalLimiters.set(id, existing);
  }
  if (!existing) {
    globalForLimits.portalLimitPool ??= limitPool();
    existing = new RateLimiterPostgres({
      storeClient: unnamedStatements(globalForLimits.portalLimitPool),
      storeType: "pool",
      tableName: "RateLimit",
      tableCreated: true,
      keyPrefix: name,
      points,
      duration: limit.seconds,
    });
    globalForLimits.portalLimiters.set(id, existing);
  }
  return existing;
}

/** The refusal every limit gives: RATE_LIMITED with the whole seconds to wait. */
function rateLimited(seconds: number): AppError {
  return new AppError("RATE_LIMITED", "Too many requests", {
    seconds: Math.max(1, Math.ceil(seconds)),
  });
}

/**
 * The key as stored: the table's keys are at most 255 characters with the limit's name in front,
 * so a long one (an email address can be 254) is stored as its digest.
 */
function storedKey(key: string): string {
  return key.length <= 128 ? key : `sha256:${createHash("sha256").update(key).digest("base64url")}`;
}

/** Spends one point of `key`'s allowance under the named limit, or throws RATE_LIMITED. */
export async function consumeRateLimit(name: RateLimitName, key: string): Promise<void> {
  try {
    await limiter(name).consume(storedKey(key));
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) throw rateLimited(rejection.msBeforeNext / 1000);
    throw rejection;
  }
}

/**
 * Spends one point under each of several limits at once (a sign-in link counts against its
 * address and its client); refused if any is spent, with the longest wait.
 */
export async function consumeRateLimits(spends: [RateLimitName, string][]): Promise<void> {
  const outcomes = await Promise.allSettled(
    spends.map(([name, key]) => consumeRateLimit(name, key)),
  );
  const refusals = outcomes.flatMap((outcome) =>
    outcome.status === "rejected" ? [outcome.reason as unknown] : [],
  );
  if (refusals.length === 0) return;
  const unexpected = refusals.find((reason) => !(reason instanceof AppError));
  if (unexpected) throw unexpected;
  throw rateLimited(
    Math.max(...refusals.map((reason) => Number((reason as AppError).details.seconds))),
  );
}

/** What a statement that spent a point (spendInStatement) answers about the key: its count and the end of its window (ms). */
export interface SpentPoint {
  points: number;
  expire: bigint | number | string;
}

/**
 * One point of the named limit spent inside the caller's own statement, as a WITH query named
 * `spent` (its row: SpentPoint), for a hot path that cannot afford the limiter's round trip (the
 * domain lookup runs at every keystroke pause; a submit spends it in its write). It is
 * rate-limiter-flexible's own upsert for its PostgreSQL store — the same table, key (`name:key`),
 * window and count — so this path and the limiter count together; `assertWithinLimit` then refuses
 * like `consumeRateLimit`. With `when`, the point is spent only if that condition holds (`spent` is
 * then empty otherwise). In a transaction, the point commits or rolls back with it.
 */
export function spendInStatement(
  name: RateLimitName,
  key: string,
  now = Date.now(),
  when: Prisma.Sql = Prisma.sql`true`,
): Prisma.Sql {
  const limit: Limit = rateLimits[name];
  return Prisma.sql`spent AS (
    INSERT INTO "RateLimit" ("key", "points", "expire")
    SELECT ${`${name}:${storedKey(key)}`}::varchar, 1, ${BigInt(now + limit.seconds * 1000)}::bigint WHERE ${when}
    ON CONFLICT ("key") DO UPDATE SET
      "points" = CASE WHEN "RateLimit"."expire" <= ${BigInt(now)} THEN 1 ELSE "RateLimit"."points" + 1 END,
      "expire" = CASE WHEN "RateLimit"."expire" <= ${BigInt(now)} THEN EXCLUDED."expire" ELSE "RateLimit"."expire" END
    RETURNING "points", "expire")`;
}

/** Refuses (RATE_LIMITED, with the seconds to wait) when the point spent by spendInStatement was over the limit. */
export function assertWithinLimit(name: RateLimitName, spent: SpentPoint, now = Date.now()): void {
  if (spent.points > pointsOf(rateLimits[name]))
    throw rateLimited((Number(spent.expire) - now) / 1000);
}
