import { redirect } from "next/navigation";
import { getCurrentUser, type CurrentUser } from "./current-user";

/*
 * The sign-in guard of every page for signed-in people (home, /requests, /accounts, /profile,
 * /admin), called at the top of each page rather than in a layout: a layout is not rendered again
 * when the person moves between the pages under it, does not stop the page from rendering, and
 * does not know the page's address to come back to. It only sends signed-out visitors to sign in:
 * what the page then shows is checked by its reads (visibleRequestsWhere, …), and every change by
 * its Mutation. The support console's guard is requireSupportStaffPage (lib/support/access.ts).
 */

/**
 * The sign-in page, coming back to `returnTo` (a path of the portal, with its query) once signed
 * in; the sign-in page judges it with safeRedirectTarget. Home needs no callbackUrl: it is where
 * sign-in lands by default.
 */
export function signInPath(returnTo: string): string {
  return returnTo === "/" ? "/sign-in" : `/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`;
}

/** The signed-in user (read fresh from the database), or a redirect to sign in and back to `returnTo`. */
export async function requireSignedInPage(returnTo: string): Promise<CurrentUser> {
  const user = await getCurrentUser();
  if (!user) redirect(signInPath(returnTo));
  return user;
}
