import { hotQuery } from "@/lib/db/client";
import { env, type Env } from "@/lib/env";
import { Prisma, type User } from "@/lib/generated/prisma/client";
import { DAY_SECONDS } from "@/lib/time";

/** What every signed-in request knows about its user: read fresh, never from the cookie. */
export type SessionUser = Pick<
  User,
  | "id"
  | "email"
  | "firstName"
  | "lastName"
  | "company"
  | "jobTitle"
  | "country"
  | "phone"
  | "locale"
  | "platformRole"
>;

export interface SessionLimits {
  /** The absolute lifetime: next-auth sets the session's `expires` (and its cookie's) to sign-in + this. */
  lifetimeSeconds: number;
  /** A session nobody used for this long has ended. */
  idleSeconds: number;
}

export function sessionLimits(e: Env = env()): SessionLimits {
  return {
    lifetimeSeconds: Math.round(e.SESSION_LIFETIME_DAYS * DAY_SECONDS),
    idleSeconds: Math.round(e.SESSION_IDLE_HOURS * 3600),
  };
}

/**
 * `lastSeenAt` moves at most this often: one write a minute per active user rather than one per
 * request. A session may thus end up to a minute before its idle timeout.
 */
export const LAST_SEEN_RESOLUTION_SECONDS = 60;

/** next-auth's session cookie: `__Secure-` prefixed when the portal is served over https. */
export function sessionCookieName(baseUrl: string): string {
  return `${baseUrl.startsWith("https://") ? "__Secure-" : ""}next-auth.session-token`;
}

/**
 * The user of a live session, or null (unknown session, past its absolute lifetime, idle too
 * long, disabled user), in one statement. It is what next-auth's `getServerSession` does with a
 * database session (the adapter reads the session, then the user), without the HTTP round trip
 * through its handler, and with the profile and role in the same statement. The same statement
 * records that the session was used (`lastSeenAt`, once a minute at most); unlike next-auth's own
 * sliding, it never moves `expires`, so no amount of use outlives the absolute lifetime.
 */
export async function userForSessionToken(
  sessionToken: string,
  now = new Date(),
  limits: SessionLimits = sessionLimits(),
): Promise<SessionUser | null> {
  const idleSince = new Date(now.getTime() - limits.idleSeconds * 1000);
  const seenBefore = new Date(now.getTime() - LAST_SEEN_RESOLUTION_SECONDS * 1000);
  // The statement is the function session_user_of (prisma/migrations/…_hot_statement_functions):
  // PostgreSQL keeps its plan per connection instead of planning it at every request.
  const [row] = await hotQuery<SessionUser>(
    Prisma.sql`SELECT * FROM "session_user_of"(${sessionToken}, ${now}, ${idleSince}, ${seenBefore})`,
  );
  return row ?? null;
}
