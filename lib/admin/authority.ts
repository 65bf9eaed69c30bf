import type { Actor } from "@/lib/auth/actor";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { administeredBy } from "@/lib/memberships/active-admin";

export type Reader = Prisma.TransactionClient | PrismaClient;

/**
 * The requests this actor may see on the dashboard and decide: those of the accounts they
 * administer (administeredBy) and, for a super administrator (the licensing support team), any
 * escalated request of an active account. Nobody sees their own request here; they follow it as
 * its requester. Every read and every decision of the dashboard starts from this filter, and the
 * queue's raw statement from visibleRequestsSql, the same rule written for it
 * (lib/db/sql/admin-queue.ts);
 * tests/integration/active-administrator.test.ts holds both to the same cases.
 */
export function visibleRequestsWhere(
  actor: Pick<Actor, "id" | "platformRole">,
  now: Date = new Date(),
): Prisma.AccessRequestWhereInput {
  const asAdmin: Prisma.AccessRequestWhereInput = { account: administeredBy(actor.id, now) };
  const escalated: Prisma.AccessRequestWhereInput = {
    escalatedAt: { not: null },
    account: { status: "ACTIVE" },
  };
  return {
    requesterId: { not: actor.id },
    ...(actor.platformRole === "SUPERADMIN" ? { OR: [asAdmin, escalated] } : asAdmin),
  };
}

/** Whether the actor administers the account, as opposed to acting on its behalf as a super administrator. */
export async function isAccountAdmin(
  reader: Reader,
  userId: string,
  accountId: string,
): Promise<boolean> {
  const count = await reader.account.count({ where: { id: accountId, ...administeredBy(userId) } });
  return count > 0;
}

/** The accounts the user administers, by name. */
export function administeredAccounts(reader: Reader, userId: string) {
  return reader.account.findMany({
    where: administeredBy(userId),
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
  });
}

/** Read-only dashboard users never see decision controls; the mutations refuse them anyway. */
export const canDecide = (actor: Pick<Actor, "platformRole">) => actor.platformRole !== "SUPPORT";
