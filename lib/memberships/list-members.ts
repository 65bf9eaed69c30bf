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

export type MemberRow = Prisma.MembershipGetPayload<{ select: typeof memberSelect }>;

export interface MembersPage {
  account: { id: string; name: string };
  /** The actor's own role in the account: what they may give and to whom. */
  actorRole: Role;
  /** Active administrators (lib/memberships/active-admin.ts): the last one cannot go. */
  activeAdmins: number;
  members: MemberRow[];
  /** Members matching the filters. */
  total: number;
  next: string | null;
  previous: string | null;
}

/** The filters' statuses read at `now`: a membership whose end date passed has ended, swept or not. */
function membersWhere(
  accountId: string,
  filters: MembersFilters,
  now: Date,
): Prisma.MembershipWhereInput {
  const where: Prisma.MembershipWhereInput[] = [{ accountId }];
  if (filters.role !== "ALL") where.push({ role: filters.role });
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

/**
 * One page of an account's members, oldest first by keyset on (createdAt, id) (the index on
 * (accountId, createdAt, id) serves it at any size), filtered by name or email, role and status.
 * Null unless the actor manages the account's members, the same answer as for no such account.
 */
export async function listAccountMembers(
  actor: Pick<Actor, "id">,
  accountId: string,
  filters: MembersFilters,
  pageSize = MEMBERS_PAGE_SIZE,
): Promise<MembersPage | null> {
  const now = new Date();
  const own = await managingMembership(db, actor.id, accountId, now);
  if (!own) return null;
  const direction = pageDirection(filters);
  const read = new KeysetRead(direction, "asc");
  const where = membersWhere(accountId, filters, now);
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
  return {
    account,
    actorRole: own.role,
    activeAdmins,
    members: page.rows.map((member) => membershipAsOf(member, now)),
    total,
    next: page.next && encodeCursor(page.next),
    previous: page.previous && encodeCursor(page.previous),
  };
}
