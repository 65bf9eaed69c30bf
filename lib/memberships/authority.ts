import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { lockMembershipRows, type LockedMembershipRow } from "@/lib/db/sql/memberships";
import { membershipInForceWhere } from "./active-admin";
import { managesMembers, mayManageMember, removesAnAdministrator, type Role } from "./rules";
import { membershipNotFound, membershipRefused } from "./refusals";

/** A membership as read under its row lock. */
export type LockedMembership = LockedMembershipRow;

export interface AccountLock {
  accountId: string;
  rows: Map<string, LockedMembership>;
}

/**
 * Locks the account's active administrator memberships and the given ones (in id order, so that
 * concurrent changes lock in the same order and cannot deadlock), and returns them as they are
 * once the locks are held. Every change that could take an administrator away goes through here:
 * of two transactions demoting the last two administrators, the second waits for the first, then
 * PostgreSQL re-reads the rows the first changed, drops the one no longer an administrator, and
 * the second finds a single administrator left and is refused.
 */
export async function lockAccountMemberships(
  tx: Prisma.TransactionClient,
  accountId: string,
  membershipIds: string[],
  now: Date = new Date(),
): Promise<AccountLock> {
  const rows = await lockMembershipRows(tx, accountId, membershipIds, now);
  return { accountId, rows: new Map(rows.map((row) => [row.id, row])) };
}

const countsAsAdministrator = (row: LockedMembership) => row.activeAdmin;

/** True when giving `membershipId` the role `next` (null: ending it) would leave no active administrator. */
export function leavesNoAdministrator(
  lock: AccountLock,
  membershipId: string,
  next: Role | null,
): boolean {
  const target = lock.rows.get(membershipId);
  if (!target || !countsAsAdministrator(target) || !removesAnAdministrator(target.role, next))
    return false;
  return [...lock.rows.values()].filter(countsAsAdministrator).length <= 1;
}

/** Refuses, with the account to ask support about, a change that would leave no active administrator. */
export function assertKeepsAnAdministrator(
  lock: AccountLock,
  membershipId: string,
  next: Role | null,
): void {
  if (leavesNoAdministrator(lock, membershipId, next))
    throw membershipRefused("lastAdmin", { accountId: lock.accountId });
}

/**
 * The actor's own membership of the account, if it lets them manage its members: in force (an
 * ended or past-its-end-date membership manages nothing), of the whole account (scope ACCOUNT: a
 * Virtual Account Administrator manages no one account-wide) and of an active account.
 */
export async function managingMembership(
  tx: Prisma.TransactionClient,
  actorId: string,
  accountId: string,
  now: Date = new Date(),
) {
  const own = await tx.membership.findFirst({
    where: {
      ...membershipInForceWhere(now),
      userId: actorId,
      accountId,
      scope: "ACCOUNT",
      account: { status: "ACTIVE" },
    },
    select: { id: true, role: true },
  });
  return own && managesMembers(own.role) ? own : null;
}

export interface ManagedMembership {
  target: LockedMembership;
  /** The actor's role in the account, read under the lock. */
  managerRole: Role;
  lock: AccountLock;
}

/**
 * The membership an actor manages, locked together with the account's administrators and the
 * actor's own membership; authority is checked again under the lock (another administrator may
 * have demoted the actor a moment ago). NOT_FOUND when it is not theirs to manage, as for a
 * membership that does not exist.
 */
export async function lockManagedMembership(
  tx: Prisma.TransactionClient,
  actor: Pick<Actor, "id">,
  membershipId: string,
): Promise<ManagedMembership> {
  const found = await tx.membership.findUnique({
    where: { id: membershipId },
    select: { accountId: true },
  });
  const own = found ? await managingMembership(tx, actor.id, found.accountId) : null;
  if (!found || !own) throw membershipNotFound();
  const lock = await lockAccountMemberships(tx, found.accountId, [membershipId, own.id]);
  const manager = lock.rows.get(own.id);
  const target = lock.rows.get(membershipId);
  if (!manager?.inForce || !managesMembers(manager.role) || !target) throw membershipNotFound();
  if (!mayManageMember(manager.role, target.role)) throw membershipRefused("memberAboveOwn");
  return { target, managerRole: manager.role, lock };
}
