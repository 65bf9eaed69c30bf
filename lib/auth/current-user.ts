import { cookies } from "next/headers";
import { cache } from "react";
import { env } from "@/lib/env";
import { sessionCookieName, userForSessionToken } from "./session-user";

/**
 * The signed-in user, read fresh from the database with their session (roles and profile are
 * never taken from the session cookie). Null when signed out, expired or disabled. Cached for one
 * request.
 */
export const getCurrentUser = cache(async () => {
  const sessionToken = (await cookies()).get(sessionCookieName(env().NEXTAUTH_URL))?.value;
  return sessionToken ? userForSessionToken(sessionToken) : null;
});

export type CurrentUser = NonNullable<Awaited<ReturnType<typeof getCurrentUser>>>;
