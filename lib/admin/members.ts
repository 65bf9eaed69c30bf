import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { membershipInForceWhere } from "@/lib/memberships/active-admin";
import { branchAccountsOf } from "@/lib/memberships/list-members";
import { administeredAccountsWithPending } from "./list-queue";

export interface ManagedAccount {
  id: string;
  name: string;
  /** Pending requests to decide; null where the actor manages only a branch (they decide none). */
  pending: number | null;
  /** Members in force the actor sees there. */
  members: number;
  /** "account": a Smart Account Administrator; "branch": a Virtual Account Administrator. */
  manages: "account" | "branch";
}

/**
 * The accounts the actor administers, with their pending requests and their members in force (an
 * end date that passed ends a membership, swept or not: membershipInForceWhere); then the accounts
 * where they administer only a branch of virtual accounts (issue 27), with the members of that
 * branch and no requests.
 */
export async function listAdministeredAccounts(actor: Actor): Promise<ManagedAccount[]> {
  const accounts = await administeredAccountsWithPending(actor.id);
  const ids = accounts.map((account) => account.id);
  const [members, branches] = await Promise.all([
    ids.length
      ? db.membership.groupBy({
          by: ["accountId"],
          where: { ...membershipInForceWhere(), accountId: { in: ids } },
          _count: { _all: true },
        })
      : [],
    branchAccountsOf(actor),
  ]);
  const memberCounts = new Map(members.map((group) => [group.accountId, group._count._all]));
  return [
    ...accounts.map((account) => ({
      ...account,
      members: memberCounts.get(account.id) ?? 0,
      manages: "account" as const,
    })),
    ...branches.map((account) => ({ ...account, pending: null, manages: "branch" as const })),
  ];
}
