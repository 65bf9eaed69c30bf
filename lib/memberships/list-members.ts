import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  encodeCursor,
  KeysetRead,
  keysetPage,
  pageDirection,
  rowsToFetch,
} from "@/lib/pagination/keyset";
import { personSelect } from "@/lib/people";
import { branchOf, type Branch } from "@/lib/virtual-accounts/authority";
import { inTreeOrder, namesOf, type TreeNode } from "@/lib/virtual-accounts/tree";
import { accessViewsOf, type AccessView } from "@/lib/virtual-accounts/grants";
import {
  grantInsideBranch,
  grantsInsideBranchWhere,
  membershipsInBranchWhere,
} from "@/lib/virtual-accounts/member-grants";
import {
  activeAdminMembershipWhere,
  membershipEndedWhere,
  membershipInForceWhere,
} from "./active-admin";
import { managingMembership } from "./authority";
import { MEMBERS_PAGE_SIZE, type MembersFilters } from "./schema";
import type { Role } from "./rules";
import { membershipAsOf } from "./summary";

const memberSelect = {
  id: true,
  createdAt: true,
  role: true,
  scope: true,
  active: true,
  grantedAt: true,
  endsAt: true,
  endedAt: true,
  endCause: true,
  user: {
    select: {
      ...personSelect,
      company: true,
      disabledAt: true,
      lastSignInAt: true,
    },
  },
  grantedByRequest: {
    select: {
      id: true,
      requesterId: true,
      decidedAt: true,
      decidedBy: { select: { email: true, firstName: true, lastName: true } },
    },
  },
} as const satisfies Prisma.MembershipSelect;

type MemberRowBase = Prisma.MembershipGetPayload<{ select: typeof memberSelect }>;

export interface MemberRow extends MemberRowBase {
  /** What the membership gives, as this viewer may see it (a Virtual Account Administrator: only the grants inside their branch). */
  access: AccessView;
  /** Some of the member's grants lie outside the viewer's branch (they are not shown). */
  accessBeyondBranch: boolean;
}

/**
 * A virtual account the viewer may filter by or give roles on: a node of their part of the tree
 * (a branch's top is a top: depth 1, no parent), its names from the root down.
 */
export interface ViewerVirtualAccount extends TreeNode {
  path: string[];
  /** The viewer manages it and everything below it: a grant with its sub-accounts stays in their branch. */
  wholeSubtree: boolean;
}

export interface MembersPage {
  account: { id: string; name: string };
  /** The actor's own Smart Account role, or null for a Virtual Account Administrator. */
  actorRole: Role | null;
  /** The virtual accounts the actor manages (every one for a Smart Account Administrator), in tree order. */
  virtualAccounts: ViewerVirtualAccount[];
  /** Active administrators (lib/memberships/active-admin.ts): the last one cannot go. */
  activeAdmins: number;
  members: MemberRow[];
  /** Members matching the filters. */
  total: number;
  next: string | null;
  previous: string | null;
}

/**
 * The filters' statuses read at `now`: a membership whose end date passed has ended, swept or not.
 * A role matches a Smart Account role, or a grant with that role the viewer sees; a virtual account
 * matches everyone with a role there (the effective-role rule: Smart Account members, grants on it
 * or on an ancestor granted with its sub-accounts).
 */
function membersWhere(
  accountId: string,
  filters: MembersFilters,
  visible: Prisma.MembershipWhereInput,
  seenGrants: Prisma.VirtualAccountGrantWhereInput,
  virtualAccountPath: string[] | null,
  now: Date,
): Prisma.MembershipWhereInput {
  const where: Prisma.MembershipWhereInput[] = [{ accountId }, visible];
  if (filters.role !== "ALL")
    where.push({
      OR: [
        { scope: "ACCOUNT", role: filters.role },
        {
          scope: "VIRTUAL_ACCOUNTS",
          grants: { some: { AND: [seenGrants, { role: filters.role }] } },
        },
      ],
    });
  if (virtualAccountPath) {
    const self = virtualAccountPath[virtualAccountPath.length - 1]!;
    const ancestors = virtualAccountPath.slice(0, -1);
    where.push({
      OR: [
        { scope: "ACCOUNT" },
        {
          grants: {
            some: {
              OR: [
                { virtualAccountId: self },
                { virtualAccountId: { in: ancestors }, includeSubAccounts: true },
              ],
            },
          },
        },
      ],
    });
  }
  if (filters.status === "active") where.push(membershipInForceWhere(now));
  if (filters.status === "ending")
    where.push({ AND: [membershipInForceWhere(now), { endsAt: { not: null } }] });
  if (filters.status === "ended") where.push(membershipEndedWhere(now));
  if (filters.q) {
    const contains = { contains: filters.q, mode: "insensitive" as const };
    where.push({
      user: { OR: [{ email: contains }, { firstName: contains }, { lastName: contains }] },
    });
  }
  return { AND: where };
}

/** The viewer's virtual accounts with their names, in tree order (a parent before its children). */
function virtualAccountsOf(branch: Branch): ViewerVirtualAccount[] {
  const byId = new Map(branch.tree.map((va) => [va.id, va]));
  return inTreeOrder(branch.tree.filter((va) => branch.managed.has(va.id))).map((va) => ({
    id: va.id,
    name: va.name,
    // A branch's top is a top here: its parent is not the viewer's.
    parentId: va.parentId !== null && branch.managed.has(va.parentId) ? va.parentId : null,
    depth: va.depth,
    path: namesOf(byId, va),
    wholeSubtree: grantInsideBranch(branch, {
      virtualAccountId: va.id,
      includeSubAccounts: true,
    }),
  }));
}

/**
 * One page of an account's members, oldest first by keyset on (createdAt, id) (the index on
 * (accountId, createdAt, id) serves it at any size), filtered by name or email, role, status and
 * virtual account, each with its access. A Smart Account Administrator sees every member; a Virtual
 * Account Administrator (issue 27) only the members with a grant inside their branch, and of each
 * only those grants. Null for anyone else, the same answer as for no such account.
 */
export async function listAccountMembers(
  actor: Pick<Actor, "id">,
  accountId: string,
  filters: MembersFilters,
  pageSize = MEMBERS_PAGE_SIZE,
): Promise<MembersPage | null> {
  const now = new Date();
  const own = await managingMembership(db, actor.id, accountId, now);
  const branch = await branchOf(db, actor.id, accountId, now);
  const visible = own ? {} : membershipsInBranchWhere(branch);
  if (!visible) return null;
  const seenGrants = own ? {} : grantsInsideBranchWhere(branch);
  const virtualAccounts = virtualAccountsOf(branch);
  // Only a virtual account the viewer manages (else the filter is ignored, as a malformed one is).
  const filterBy = virtualAccounts.some((va) => va.id === filters.va)
    ? branch.tree.find((va) => va.id === filters.va)
    : undefined;
  const filterPath = filterBy?.path ?? null;

  const direction = pageDirection(filters);
  const read = new KeysetRead(direction, "asc");
  const where = membersWhere(accountId, filters, visible, seenGrants, filterPath, now);
  const [account, activeAdmins, total, fetched] = await Promise.all([
    db.account.findUniqueOrThrow({ where: { id: accountId }, select: { id: true, name: true } }),
    db.membership.count({ where: { ...activeAdminMembershipWhere(now), accountId } }),
    db.membership.count({ where }),
    db.membership.findMany({
      where: { AND: [where, read.prismaWhere()] },
      orderBy: read.prismaOrderBy(),
      take: rowsToFetch(pageSize),
      select: memberSelect,
    }),
  ]);
  const page = keysetPage(fetched, direction, pageSize);
  const views = await accessViewsOf(db, page.rows);
  return {
    account,
    actorRole: own?.role ?? null,
    virtualAccounts,
    activeAdmins,
    members: page.rows.map((member) => {
      const view = views.get(member.id)!;
      const access: AccessView =
        own || view.scope === "ACCOUNT"
          ? view
          : { ...view, grants: view.grants.filter((grant) => grantInsideBranch(branch, grant)) };
      const accessBeyondBranch =
        access.scope === "VIRTUAL_ACCOUNTS" &&
        view.scope === "VIRTUAL_ACCOUNTS" &&
        access.grants.length < view.grants.length;
      return { ...membershipAsOf(member, now), access, accessBeyondBranch };
    }),
    total,
    next: page.next && encodeCursor(page.next),
    previous: page.previous && encodeCursor(page.previous),
  };
}

/** Whether the person holds a Virtual Account Administrator grant in force in an active account (the menu's cheap check). */
export async function administersVirtualAccounts(userId: string, now: Date = new Date()) {
  const found = await db.membership.findFirst({
    where: {
      ...membershipInForceWhere(now),
      userId,
      scope: "VIRTUAL_ACCOUNTS",
      grants: { some: { role: "ADMIN" } },
      account: { status: "ACTIVE" },
    },
    select: { id: true },
  });
  return found !== null;
}

/**
 * The accounts where the person manages a branch of virtual accounts without being a Smart Account
 * Administrator, with the members they see there (in force): for the administrator's accounts page.
 */
export async function branchAccountsOf(
  actor: Pick<Actor, "id">,
  now: Date = new Date(),
): Promise<{ id: string; name: string; members: number }[]> {
  const candidates = await db.membership.findMany({
    where: {
      ...membershipInForceWhere(now),
      userId: actor.id,
      scope: "VIRTUAL_ACCOUNTS",
      grants: { some: { role: "ADMIN" } },
      account: { status: "ACTIVE" },
    },
    select: { account: { select: { id: true, name: true } } },
    orderBy: [{ account: { name: "asc" } }, { accountId: "asc" }],
  });
  const accounts = [];
  for (const { account } of candidates) {
    const branch = await branchOf(db, actor.id, account.id, now);
    const visible = membershipsInBranchWhere(branch);
    if (!visible) continue;
    const members = await db.membership.count({
      where: { AND: [{ accountId: account.id }, visible, membershipInForceWhere(now)] },
    });
    accounts.push({ ...account, members });
  }
  return accounts;
}
