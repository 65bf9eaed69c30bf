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

/** A virtual account's names from the root down ("EMEA", "France"), from its path of ids. */
export function namesOf(byId: Map<string, { name: string }>, row: { path: string[] }): string[] {
  return row.path.map((id) => byId.get(id)?.name ?? "?");
}

/**
 * The rows of a tree, or of a part of one, in the order people read it: each virtual account
 * followed by the ones below it, siblings by name, `DEFAULT` first among the roots, each with its
 * depth (1 at the top). A row whose parent is not among the rows (the top of a branch) is a top.
 */
export function inTreeOrder<Row extends { id: string; name: string; parentId: string | null }>(
  rows: Row[],
): (Row & { depth: number })[] {
  const ids = new Set(rows.map((row) => row.id));
  const children = new Map<string | null, Row[]>();
  for (const row of rows) {
    const parent = row.parentId !== null && ids.has(row.parentId) ? row.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), row]);
  }
  const rank = (row: Row) => (row.parentId === null && row.name === "DEFAULT" ? 0 : 1);
  const ordered: (Row & { depth: number })[] = [];
  const visit = (parent: string | null, depth: number) => {
    const below = [...(children.get(parent) ?? [])].sort(
      (a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
    );
    for (const row of below) {
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
