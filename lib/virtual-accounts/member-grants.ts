import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { membershipInForceWhere } from "@/lib/memberships/active-admin";
import {
  lockAccountMemberships,
  lockManagedMembership,
  managingMembership,
  type AccountLock,
  type LockedMembership,
} from "@/lib/memberships/authority";
import { membershipNotFound, membershipRefused } from "@/lib/memberships/refusals";
import type { Role } from "@/lib/memberships/rules";
import { branchOf, grantWithinBranch, type Branch } from "./authority";

type Tx = Prisma.TransactionClient;

/*
 * The members a person manages through their branch of virtual accounts (issue 27). A Virtual
 * Account Administrator sees and manages a member only through the grants that lie inside their
 * branch (grantWithinBranch: on a virtual account they manage, and, when the grant includes its
 * sub-accounts, on a virtual account whose whole subtree they manage). A member with no such grant
 * (a Smart-Account-wide member, or someone with grants only elsewhere) is invisible to them: every
 * read leaves them out and every change answers NOT_FOUND, as for a membership that does not exist.
 * A grant outside the branch on a member they do see is refused as `outsideBranch` (FORBIDDEN).
 * A Smart Account Administrator's branch is the whole account (branch.wholeAccount).
 */

/** A grant as the branch rules need it. */
export interface BranchGrant {
  virtualAccountId: string;
  role: Role;
  includeSubAccounts: boolean;
}

/** Whether the grant lies inside the branch (the one rule: grantWithinBranch). */
export function grantInsideBranch(branch: Branch, grant: Omit<BranchGrant, "role">): boolean {
  return grantWithinBranch(branch, grant.virtualAccountId, grant.includeSubAccounts);
}

/**
 * The grants inside the branch as a Prisma `where`: on a managed virtual account without its
 * sub-accounts, or with them on one whose whole subtree is managed. The same answer as
 * grantInsideBranch, for the list's query.
 */
export function grantsInsideBranchWhere(branch: Branch): Prisma.VirtualAccountGrantWhereInput {
  const managed = [...branch.managed];
  const wholeSubtrees = managed.filter((id) => grantWithinBranch(branch, id, true));
  return {
    OR: [
      { virtualAccountId: { in: managed }, includeSubAccounts: false },
      { virtualAccountId: { in: wholeSubtrees } },
    ],
  };
}

/**
 * The memberships of the account a person sees on the members page: every one for a Smart Account
 * Administrator; for a Virtual Account Administrator, the VIRTUAL_ACCOUNTS memberships with a grant
 * inside their branch. Null when they manage nothing there.
 */
export function membershipsInBranchWhere(branch: Branch): Prisma.MembershipWhereInput | null {
  if (branch.wholeAccount) return {};
  if (branch.managed.size === 0) return null;
  return { scope: "VIRTUAL_ACCOUNTS", grants: { some: grantsInsideBranchWhere(branch) } };
}

export interface BranchMembership {
  target: LockedMembership;
  lock: AccountLock;
  scope: "ACCOUNT" | "VIRTUAL_ACCOUNTS";
  branch: Branch;
  /** All the membership's grants (inside the branch or not). */
  grants: BranchGrant[];
}

/**
 * A membership the actor manages through their branch, locked (with the account's Smart Account
 * Administrators and the actor's own membership, so that the actor's authority is read under the
 * lock, as lockManagedMembership does), with the branch and the membership's grants. NOT_FOUND when
 * the actor manages nothing in the account, or when the member is invisible to them (no grant
 * inside their branch; or a Smart-Account-wide member and they are not a Smart Account
 * Administrator).
 */
export async function lockBranchMembership(
  tx: Tx,
  actor: Pick<Actor, "id">,
  membershipId: string,
  now: Date = new Date(),
): Promise<BranchMembership> {
  const found = await tx.membership.findUnique({
    where: { id: membershipId },
    select: { accountId: true, scope: true },
  });
  if (!found) throw membershipNotFound();
  const own = await tx.membership.findFirst({
    where: { ...membershipInForceWhere(now), userId: actor.id, accountId: found.accountId },
    select: { id: true },
  });
  if (!own) throw membershipNotFound();
  const lock = await lockAccountMemberships(tx, found.accountId, [membershipId, own.id], now);
  const target = lock.rows.get(membershipId);
  const branch = await branchOf(tx, actor.id, found.accountId, now);
  if (!target || branch.managed.size === 0) throw membershipNotFound();
  // Read under the lock: the scope and grants cannot change until this transaction ends.
  const { scope } = await tx.membership.findUniqueOrThrow({
    where: { id: membershipId },
    select: { scope: true },
  });
  const grants = await tx.virtualAccountGrant.findMany({
    where: { membershipId },
    select: { virtualAccountId: true, role: true, includeSubAccounts: true },
    orderBy: { id: "asc" },
  });
  const visible = branch.wholeAccount
    ? true
    : scope === "VIRTUAL_ACCOUNTS" && grants.some((grant) => grantInsideBranch(branch, grant));
  if (!visible) throw membershipNotFound();
  return { target, lock, scope, branch, grants };
}

/** Whether every grant of the membership lies inside the branch: then the branch may end or extend it. */
export function wholeMembershipInBranch(membership: BranchMembership): boolean {
  if (membership.branch.wholeAccount) return true;
  return (
    membership.scope === "VIRTUAL_ACCOUNTS" &&
    membership.grants.every((grant) => grantInsideBranch(membership.branch, grant))
  );
}

/**
 * The membership to end or extend, locked: a Smart Account Administrator's as before
 * (lockManagedMembership); a Virtual Account Administrator's when all of the member's access lies
 * inside their branch (`outsideBranch` when some of it is elsewhere: they remove their grants
 * instead, and the rest stays).
 */
export async function lockMembershipToEnd(
  tx: Tx,
  actor: Pick<Actor, "id">,
  membershipId: string,
): Promise<{ target: LockedMembership; lock: AccountLock }> {
  const found = await tx.membership.findUnique({
    where: { id: membershipId },
    select: { accountId: true },
  });
  if (found && (await managingMembership(tx, actor.id, found.accountId)))
    return lockManagedMembership(tx, actor, membershipId);
  const membership = await lockBranchMembership(tx, actor, membershipId);
  if (!wholeMembershipInBranch(membership)) throw membershipRefused("outsideBranch");
  return membership;
}
