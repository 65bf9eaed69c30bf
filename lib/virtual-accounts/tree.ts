import type { Actor } from "@/lib/auth/actor";
import { isAccountAdmin, type Reader } from "@/lib/admin/authority";
import { db } from "@/lib/db/client";

/** One virtual account as a picker lists it: in tree order, with its depth (1 for a root). */
export interface TreeNode {
  id: string;
  name: string;
  parentId: string | null;
  depth: number;
}

/**
 * The rows of a tree in the order people read it: each virtual account followed by the ones below
 * it, siblings by name, `DEFAULT` first among the roots. Rows whose parent is missing are dropped
 * (cannot happen: the database keeps the tree whole).
 */
export function inTreeOrder(
  rows: { id: string; name: string; parentId: string | null }[],
): TreeNode[] {
  const children = new Map<string | null, typeof rows>();
  for (const row of rows) children.set(row.parentId, [...(children.get(row.parentId) ?? []), row]);
  const byName = (a: { name: string }, b: { name: string }) =>
    Number(b.name === "DEFAULT") - Number(a.name === "DEFAULT") || a.name.localeCompare(b.name);
  const ordered: TreeNode[] = [];
  const visit = (parentId: string | null, depth: number) => {
    for (const row of [...(children.get(parentId) ?? [])].sort(byName)) {
      ordered.push({ ...row, depth });
      visit(row.id, depth + 1);
    }
  };
  visit(null, 1);
  return ordered;
}

/**
 * An account's tree of virtual accounts for the scope pickers (approving a request, changing a
 * member's scope), or null when the actor may not read it: only someone who may decide the
 * account's requests — an active Smart Account Administrator of it, or a super administrator (who
 * decides escalated requests on any account's behalf) — or support staff, who see it read-only.
 */
export async function virtualAccountTreeFor(
  actor: Pick<Actor, "id" | "platformRole">,
  accountId: string,
  reader: Reader = db,
): Promise<TreeNode[] | null> {
  const staff = actor.platformRole === "SUPPORT" || actor.platformRole === "SUPERADMIN";
  if (!staff && !(await isAccountAdmin(reader, actor.id, accountId))) return null;
  const rows = await reader.virtualAccount.findMany({
    where: { accountId },
    select: { id: true, name: true, parentId: true },
  });
  // An account that does not exist has no tree (not even DEFAULT): the same answer as no right to it.
  return rows.length ? inTreeOrder(rows) : null;
}
