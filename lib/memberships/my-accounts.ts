import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { accessViewsOf } from "@/lib/virtual-accounts/grants";
import { activeAdminMembershipWhere, membershipInForceWhere } from "./active-admin";

/**
 * The accounts the actor belongs to now (memberships in force: an end date that passed ends one,
 * swept or not), by name, with their access (a Smart Account role, or virtual accounts with their
 * roles and names), since
 * when, until when, whether they are the account's only active administrator (who cannot leave),
 * and whether they administer a branch of its virtual accounts (a Virtual Account Administrator,
 * whose members page shows that branch: a grant with the role ADMIN, which the effective-role rule
 * makes ADMIN on that virtual account).
 */
export async function listMyAccounts(actor: Pick<Actor, "id">, now: Date = new Date()) {
  const memberships = await db.membership.findMany({
    where: { ...membershipInForceWhere(now), userId: actor.id },
    orderBy: [{ account: { name: "asc" } }, { id: "asc" }],
    select: {
      id: true,
      role: true,
      scope: true,
      grantedAt: true,
      endsAt: true,
      account: { select: { id: true, name: true, status: true } },
    },
  });
  // Smart Account Administrators only (scope ACCOUNT): the ones the last-administrator guard keeps.
  const isAdmin = (membership: (typeof memberships)[number]) =>
    membership.role === "ADMIN" && membership.scope === "ACCOUNT";
  const administered = memberships.filter(isAdmin).map((membership) => membership.account.id);
  const admins = administered.length
    ? await db.membership.groupBy({
        by: ["accountId"],
        where: { ...activeAdminMembershipWhere(now), accountId: { in: administered } },
        _count: { _all: true },
      })
    : [];
  const adminCounts = new Map(admins.map((group) => [group.accountId, group._count._all]));
  const access = await accessViewsOf(db, memberships);
  return memberships.map((membership) => {
    const view = access.get(membership.id)!;
    return {
      ...membership,
      access: view,
      lastAdmin: isAdmin(membership) && (adminCounts.get(membership.account.id) ?? 0) <= 1,
      administersBranch:
        view.scope === "VIRTUAL_ACCOUNTS" && view.grants.some((grant) => grant.role === "ADMIN"),
    };
  });
}

export type MyAccount = Awaited<ReturnType<typeof listMyAccounts>>[number];
