import type { Prisma } from "@/lib/generated/prisma/client";
import { virtualAccountRolesOf, type VirtualAccountRoleRow } from "@/lib/db/sql/virtual-accounts";
import { managesMembers } from "@/lib/memberships/rules";

/*
 * Who manages which part of an account's tree (issue 27). A person manages the people and the
 * sub-accounts of a virtual account when their effective role there (effective_role, the one rule:
 * lib/virtual-accounts/effective-role.ts) is a managing role: a Smart Account Administrator
 * manages every virtual account; a Virtual Account Administrator the one granted, and the ones
 * below it when granted with its sub-accounts. Only Smart Account Administrators decide requests
 * and manage account-wide memberships (lib/memberships/authority.ts, managingMembership).
 */

export interface Branch {
  /** A Smart Account Administrator: every virtual account, and account-wide memberships. */
  wholeAccount: boolean;
  /** The virtual accounts the person manages (every one when wholeAccount). */
  managed: Set<string>;
  /** Every virtual account of the account with the person's effective role on it. */
  tree: VirtualAccountRoleRow[];
}

/** The part of the account's tree the person manages at `now` (an empty set: none; none at all of an inactive account). */
export async function branchOf(
  tx: Prisma.TransactionClient,
  userId: string,
  accountId: string,
  now: Date = new Date(),
): Promise<Branch> {
  const account = await tx.account.findUnique({
    where: { id: accountId },
    select: { status: true },
  });
  // An inactive account is managed by no one (as managingMembership has it).
  if (account?.status !== "ACTIVE") return { wholeAccount: false, managed: new Set(), tree: [] };
  const tree = await virtualAccountRolesOf(tx, userId, accountId, now);
  const managed = new Set(
    tree.filter((va) => va.role !== null && managesMembers(va.role)).map((va) => va.id),
  );
  const wholeAccount = tree.some(
    (va) => va.heldAs === "account" && va.role !== null && managesMembers(va.role),
  );
  return { wholeAccount, managed, tree };
}

/**
 * Whether a grant on `virtualAccountId` (with its sub-accounts or not) stays inside the branch:
 * the virtual account is managed, and so is every one below it when the grant includes them.
 */
export function grantWithinBranch(
  branch: Branch,
  virtualAccountId: string,
  includeSubAccounts: boolean,
): boolean {
  if (!branch.managed.has(virtualAccountId)) return false;
  if (!includeSubAccounts) return true;
  return branch.tree
    .filter((va) => va.path.includes(virtualAccountId))
    .every((va) => branch.managed.has(va.id));
}
