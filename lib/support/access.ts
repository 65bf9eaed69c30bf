import { notFound, redirect } from "next/navigation";
import type { Actor } from "@/lib/auth/actor";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/current-user";
import { signInPath } from "@/lib/auth/page-guard";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PlatformRole } from "@/lib/generated/prisma/enums";

/** Platform roles that may use the support console. */
export const SUPPORT_STAFF_ROLES: readonly PlatformRole[] = ["SUPPORT", "SUPERADMIN"];

export function isSupportStaff(user: { platformRole: PlatformRole } | null | undefined): boolean {
  return Boolean(user && SUPPORT_STAFF_ROLES.includes(user.platformRole));
}

export type SupportStaffCheck =
  { status: "ok"; user: CurrentUser } | { status: "signedOut" } | { status: "forbidden" };

/** The signed-in user (read fresh from the database) if they are support staff. */
export async function checkSupportStaff(): Promise<SupportStaffCheck> {
  const user = await getCurrentUser();
  if (!user) return { status: "signedOut" };
  return isSupportStaff(user) ? { status: "ok", user } : { status: "forbidden" };
}

/**
 * The guard of every support console page, called at the top of each (a layout would not run again
 * between them: lib/auth/page-guard.ts): signed-out visitors go to sign-in and come back to
 * `returnTo`; anyone else gets the same "not found" as for a page that does not exist, so the
 * console's existence is not advertised.
 */
export async function requireSupportStaffPage(returnTo: string): Promise<CurrentUser> {
  const check = await checkSupportStaff();
  if (check.status === "signedOut") redirect(signInPath(returnTo));
  if (check.status === "forbidden") notFound();
  return check.user;
}

/**
 * The one check of every support read and mutation, made by the function itself rather than left
 * to the page in front of it: the viewer's role and whether they are disabled are read again from
 * the database (never taken from the caller or the session), and anyone but active support staff
 * is refused. Mutations pass their transaction so the check and the change see the same rows.
 */
export async function assertSupportStaff(
  viewer: Pick<Actor, "id">,
  client: Prisma.TransactionClient = db,
): Promise<void> {
  const user = await client.user.findUnique({
    where: { id: viewer.id },
    select: { platformRole: true, disabledAt: true },
  });
  if (!user || user.disabledAt || !isSupportStaff(user))
    throw new AppError("FORBIDDEN", "Support staff only");
}
