import { notFound, redirect } from "next/navigation";
import { getCurrentUser, type CurrentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { PlatformRole } from "@/lib/generated/prisma/enums";

/** Platform roles that may use the support console. */
export const SUPPORT_STAFF_ROLES: readonly PlatformRole[] = ["SUPPORT", "SUPERADMIN"];

export function isSupportStaff(user: { platformRole: PlatformRole } | null | undefined): boolean {
  return Boolean(user && SUPPORT_STAFF_ROLES.includes(user.platformRole));
}

export type SupportStaffCheck = { status: "ok"; user: CurrentUser } | { status: "signedOut" } | { status: "forbidden" };

/** The signed-in user (read fresh from the database) if they are support staff. */
export async function checkSupportStaff(): Promise<SupportStaffCheck> {
  const user = await getCurrentUser();
  if (!user) return { status: "signedOut" };
  return isSupportStaff(user) ? { status: "ok", user } : { status: "forbidden" };
}

/**
 * For support pages: signed-out visitors go to sign-in and come back; anyone else gets the same
 * "not found" as for a page that does not exist, so the console's existence is not advertised.
 */
export async function requireSupportStaffPage(returnTo: string): Promise<CurrentUser> {
  const check = await checkSupportStaff();
  if (check.status === "signedOut") redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
  if (check.status === "forbidden") notFound();
  return check.user;
}

/**
 * Inside a mutation that allows support staff: the wrapper only let them through, so the role is
 * checked here again, fresh from the database, refusing everyone else (and disabled staff).
 */
export async function assertSupportStaff(tx: Prisma.TransactionClient, actorId: string): Promise<void> {
  const user = await tx.user.findUnique({ where: { id: actorId }, select: { platformRole: true, disabledAt: true } });
  if (!user || user.disabledAt || !isSupportStaff(user)) throw new AppError("FORBIDDEN", "Support staff only");
}
