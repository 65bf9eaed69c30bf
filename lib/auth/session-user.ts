import { isSessionValid, sessionUserOf } from "@/lib/db/sql/sessions";
import { env, type Env } from "@/lib/env";
import type { User } from "@/lib/generated/prisma/client";
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

/*
 * "Session valid", the one rule: before its absolute end (`expires`, set at sign-in, never moved),
 * used within the idle timeout (`lastSeenAt`), of a user who is not disabled. It is the SQL function
 * `session_valid` (migration …_domain_rules), called by both paths that read a session: every
 * signed-in request (userForSessionToken, through session_user_of) and next-auth's own read (its
 * /api/auth/session, through the adapter's getSessionAndUser: isValidSession). Test:
 * tests/integration/session-valid.test.ts (every case through both paths).
 */

const idleSinceAt = (now: Date, limits: SessionLimits) =>
  new Date(now.getTime() - limits.idleSeconds * 1000);

/**
 * The user of a valid session, or null (unknown session, past its absolute lifetime, idle too
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
  const seenBefore = new Date(now.getTime() - LAST_SEEN_RESOLUTION_SECONDS * 1000);
  const [row] = await sessionUserOf<SessionUser>(
    sessionToken,
    now,
    idleSinceAt(now, limits),
    seenBefore,
  );
  return row ?? null;
}

/** Whether the session is valid (the rule above), without recording a use: next-auth's adapter. */
export function isValidSession(
  sessionToken: string,
  now = new Date(),
  limits: SessionLimits = sessionLimits(),
): Promise<boolean> {
  return isSessionValid(sessionToken, now, idleSinceAt(now, limits));
}
