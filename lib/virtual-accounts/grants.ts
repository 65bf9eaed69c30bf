import type { Prisma } from "@/lib/generated/prisma/client";
import { membershipRefused } from "@/lib/memberships/refusals";
import type { Role } from "@/lib/memberships/rules";
import type { Access, ScopeGrant } from "./scope";

type Tx = Prisma.TransactionClient;

/*
 * A membership's virtual-account grants: checked against the account, written, and read back with
 * the names people see (issue 27). Every door that gives a scope (approving, changing a member's
 * scope, adding people) writes it through writeAccess, from lib/memberships/grant.ts or the scope
 * change.
 */

/** Refuses (CONFLICT, `virtualAccountUnknown`) a scope naming a virtual account that is not the account's. */
export async function assertVirtualAccountsOf(
  tx: Tx,
  accountId: string,
  access: Access,
): Promise<void> {
  if (access.scope === "ACCOUNT") return;
  const ids = access.grants.map((grant) => grant.virtualAccountId);
  const found = await tx.virtualAccount.count({ where: { id: { in: ids }, accountId } });
  if (found !== new Set(ids).size) throw membershipRefused("virtualAccountUnknown", { accountId });
}

/**
 * Makes the membership's grants those of the access: none for the whole account, else exactly the
 * given ones (the membership's scope must already be VIRTUAL_ACCOUNTS: the database refuses a
 * grant on any other).
 */
export async function writeGrants(tx: Tx, membershipId: string, access: Access): Promise<void> {
  await tx.virtualAccountGrant.deleteMany({ where: { membershipId } });
  if (access.scope === "ACCOUNT") return;
  await tx.virtualAccountGrant.createMany({
    data: access.grants.map((grant) => ({
      membershipId,
      virtualAccountId: grant.virtualAccountId,
      role: grant.role,
      includeSubAccounts: grant.includeSubAccounts,
    })),
  });
}

/** A grant as people see it: the virtual account's names from the root down ("EMEA", "France"). */
export interface GrantView extends ScopeGrant {
  path: string[];
}

export type AccessView =
  { scope: "ACCOUNT"; role: Role } | { scope: "VIRTUAL_ACCOUNTS"; grants: GrantView[] };

/**
 * What the memberships give, by id, with the virtual accounts' names: for pages, emails, webhooks,
 * the audit. Two reads whatever the number of memberships (their grants, then the names of the
 * virtual accounts on those grants' paths). Authorization is the caller's: it reads only
 * memberships it was allowed to list.
 */
export async function accessViewsOf(
  tx: Tx,
  memberships: { id: string; role: Role; scope: "ACCOUNT" | "VIRTUAL_ACCOUNTS" }[],
): Promise<Map<string, AccessView>> {
  const scoped = memberships.filter((m) => m.scope === "VIRTUAL_ACCOUNTS").map((m) => m.id);
  const grants = scoped.length
    ? await tx.virtualAccountGrant.findMany({
        where: { membershipId: { in: scoped } },
        select: {
          membershipId: true,
          virtualAccountId: true,
          role: true,
          includeSubAccounts: true,
          virtualAccount: { select: { path: true } },
        },
      })
    : [];
  const ancestorIds = [...new Set(grants.flatMap((grant) => grant.virtualAccount.path))];
  const names = new Map(
    (ancestorIds.length
      ? await tx.virtualAccount.findMany({
          where: { id: { in: ancestorIds } },
          select: { id: true, name: true },
        })
      : []
    ).map((va) => [va.id, va.name]),
  );
  const views = new Map<string, AccessView>();
  for (const m of memberships) {
    if (m.scope === "ACCOUNT") views.set(m.id, { scope: "ACCOUNT", role: m.role });
    else views.set(m.id, { scope: "VIRTUAL_ACCOUNTS", grants: [] });
  }
  for (const grant of grants) {
    const view = views.get(grant.membershipId);
    if (view?.scope !== "VIRTUAL_ACCOUNTS") continue;
    view.grants.push({
      virtualAccountId: grant.virtualAccountId,
      role: grant.role,
      includeSubAccounts: grant.includeSubAccounts,
      path: grant.virtualAccount.path.map((id) => names.get(id) ?? "?"),
    });
  }
  for (const view of views.values())
    if (view.scope === "VIRTUAL_ACCOUNTS")
      view.grants.sort((a, b) => a.path.join("/").localeCompare(b.path.join("/")));
  return views;
}

/** The access of one membership with names (see accessViewsOf). */
export async function accessViewOf(
  tx: Tx,
  membership: { id: string; role: Role; scope: "ACCOUNT" | "VIRTUAL_ACCOUNTS" },
): Promise<AccessView> {
  return (await accessViewsOf(tx, [membership])).get(membership.id)!;
}

/** The access as JSON for the audit and webhooks (ids, roles; no names, which change). */
export function accessRecord(access: Access) {
  return access.scope === "ACCOUNT"
    ? { scope: "ACCOUNT" as const, role: access.role }
    : {
        scope: "VIRTUAL_ACCOUNTS" as const,
        grants: access.grants.map((grant) => ({
          virtualAccountId: grant.virtualAccountId,
          role: grant.role,
          includeSubAccounts: grant.includeSubAccounts,
        })),
      };
}
