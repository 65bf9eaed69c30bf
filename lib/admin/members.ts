import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { administeredBy } from "./authority";
import { administeredAccountsWithPending } from "./list-queue";
import { pageNumber } from "@/lib/pagination/page-number";

export const MEMBERS_PAGE_SIZE = 50;

/** The accounts the actor administers, with their pending requests and active members. */
export async function listAdministeredAccounts(actor: Actor) {
  const accounts = await administeredAccountsWithPending(actor.id);
  const ids = accounts.map((account) => account.id);
  const members = ids.length
    ? await db.membership.groupBy({ by: ["accountId"], where: { accountId: { in: ids }, active: true }, _count: { _all: true } })
    : [];
  const memberCounts = new Map(members.map((group) => [group.accountId, group._count._all]));
  return accounts.map((account) => ({ ...account, members: memberCounts.get(account.id) ?? 0 }));
}

/**
 * Who has access to an account, with which role (read-only): active members first, by role then
 * name. Null unless the actor administers the account.
 */
export async function listAccountMembers(actor: Actor, accountId: string, page: number) {
  const account = await db.account.findFirst({ where: { id: accountId, ...administeredBy(actor.id) }, select: { id: true, name: true } });
  if (!account) return null;
  const safePage = pageNumber(page);
  const [total, members] = await Promise.all([
    db.membership.count({ where: { accountId } }),
    db.membership.findMany({
      where: { accountId },
      orderBy: [{ active: "desc" }, { role: "asc" }, { user: { lastName: "asc" } }, { user: { email: "asc" } }, { id: "asc" }],
      skip: (safePage - 1) * MEMBERS_PAGE_SIZE,
      take: MEMBERS_PAGE_SIZE,
      select: {
        id: true,
        role: true,
        active: true,
        createdAt: true,
        user: { select: { email: true, firstName: true, lastName: true, company: true, jobTitle: true, disabledAt: true } },
      },
    }),
  ]);
  return { account, members, total, page: safePage, pageCount: Math.max(1, Math.ceil(total / MEMBERS_PAGE_SIZE)) };
}
