import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { membershipInForceWhere } from "@/lib/memberships/active-admin";
import { administeredAccountsWithPending } from "./list-queue";

/**
 * The accounts the actor administers, with their pending requests and their members in force (an
 * end date that passed ends a membership, swept or not: membershipInForceWhere).
 */
export async function listAdministeredAccounts(actor: Actor) {
  const accounts = await administeredAccountsWithPending(actor.id);
  const ids = accounts.map((account) => account.id);
  const members = ids.length
    ? await db.membership.groupBy({
        by: ["accountId"],
        where: { ...membershipInForceWhere(), accountId: { in: ids } },
        _count: { _all: true },
      })
    : [];
  const memberCounts = new Map(members.map((group) => [group.accountId, group._count._all]));
  return accounts.map((account) => ({ ...account, members: memberCounts.get(account.id) ?? 0 }));
}
