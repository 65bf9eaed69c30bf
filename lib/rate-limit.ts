import { createHash } from "node:crypto";
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { postgresRateLimiter } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { countRateLimitRefusal } from "@/lib/metrics/use-cases";

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
  portalLimiters?: Map<string, RateLimiterAbstract>;
};

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
    // On the process's one pool (lib/db/client.ts), PgBouncer-safe.
    existing = postgresRateLimiter({ keyPrefix: name, points, duration: limit.seconds });
    globalForLimits.portalLimiters.set(id, existing);
  }
  return existing;
}

/**
 * The refusal every limit gives: RATE_LIMITED with the whole seconds to wait, and the limit's
 * points when one limit refused (the API sends them as RateLimit-Limit).
 */
function rateLimited(seconds: number, limit?: number): AppError {
  return new AppError("RATE_LIMITED", "Too many requests", {
    seconds: Math.max(1, Math.ceil(seconds)),
    ...(limit === undefined ? {} : { limit }),
  });
}

/**
 * The key as stored: the table's keys are at most 255 characters with the limit's name in front,
 * so a long one (an email address can be 254) is stored as its digest.
 */
export function storedKey(key: string): string {
  return key.length <= 128 ? key : `sha256:${createHash("sha256").update(key).digest("base64url")}`;
}

/** Spends one point of `key`'s allowance under the named limit, or throws RATE_LIMITED. */
export async function consumeRateLimit(name: RateLimitName, key: string): Promise<void> {
  try {
    await limiter(name).consume(storedKey(key));
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) countRateLimitRefusal(name);
    if (rejection instanceof RateLimiterRes)
      throw rateLimited(rejection.msBeforeNext / 1000, pointsOf(rateLimits[name]));
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

/** What a statement that spent a point (spendInStatement, lib/db/sql/rate-limit.ts) answers about the key: its count and the end of its window (ms). */
export interface SpentPoint {
  points: number;
  expire: bigint | number | string;
}

/** Refuses (RATE_LIMITED, with the seconds to wait) when the point spent by spendInStatement was over the limit. */
export function assertWithinLimit(name: RateLimitName, spent: SpentPoint, now = Date.now()): void {
  if (spent.points > pointsOf(rateLimits[name])) countRateLimitRefusal(name);
  if (spent.points > pointsOf(rateLimits[name]))
    throw rateLimited((Number(spent.expire) - now) / 1000);
}
