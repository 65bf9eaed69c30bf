import { db } from "@/lib/db/client";
import type { User } from "@/lib/generated/prisma/client";
import { DAY_SECONDS } from "@/lib/time";

/** What every signed-in request knows about its user: read fresh, never from the cookie. */
export type SessionUser = Pick<
  User,
  "id" | "email" | "firstName" | "lastName" | "company" | "jobTitle" | "country" | "phone" | "locale" | "platformRole"
>;

/** next-auth's database sessions: how long one lasts, and how often its expiry slides forward. */
export const SESSION_MAX_AGE_SECONDS = 30 * DAY_SECONDS;
export const SESSION_UPDATE_AGE_SECONDS = DAY_SECONDS;

/** next-auth's session cookie: `__Secure-` prefixed when the portal is served over https. */
export function sessionCookieName(baseUrl: string): string {
  return `${baseUrl.startsWith("https://") ? "__Secure-" : ""}next-auth.session-token`;
}

/**
 * The user of a live session, or null (unknown or expired session, disabled user), in one round
 * trip. It is what next-auth's `getServerSession` does with a database session (the adapter reads
 * the session, then the user), without the HTTP round trip through its handler, and with the
 * profile and role in the same statement. Like next-auth, it moves the session's expiry forward at
 * most once a day (`updateAge`).
 */
export async function userForSessionToken(sessionToken: string, now = new Date()): Promise<SessionUser | null> {
  const [row] = await db.$queryRaw<(SessionUser & { expires: Date })[]>`
    SELECT u."id", u."email", u."firstName", u."lastName", u."company", u."jobTitle", u."country",
           u."phone", u."locale", u."platformRole", s."expires"
      FROM "Session" s JOIN "User" u ON u."id" = s."userId"
     WHERE s."sessionToken" = ${sessionToken} AND s."expires" > ${now} AND u."disabledAt" IS NULL`;
  if (!row) return null;
  const { expires, ...user } = row;
  const slideAfter = expires.getTime() - (SESSION_MAX_AGE_SECONDS - SESSION_UPDATE_AGE_SECONDS) * 1000;
  if (now.getTime() >= slideAfter) {
    await db.session.updateMany({
      // Only if no concurrent request has moved it already.
      where: { sessionToken, expires },
      data: { expires: new Date(now.getTime() + SESSION_MAX_AGE_SECONDS * 1000) },
    });
  }
  return user;
}
