import { createHash } from "node:crypto";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import type { VirtualAccountRoleRow } from "@/lib/db/sql/virtual-accounts";
import type { Prisma } from "@/lib/generated/prisma/client";
import { membershipInForceWhere } from "@/lib/memberships/active-admin";
import { isStorableText } from "@/lib/forms/storable-text";
import { displayName } from "@/lib/people";
import { isSupportStaff } from "@/lib/support/access";
import { branchOf, grantWithinBranch, type Branch } from "./authority";
import { inTreeOrder, namesOf } from "./tree";
import { treeRefused, virtualAccountNotFound } from "./manage-refusals";

type Tx = Prisma.TransactionClient;

/*
 * Reading an account's tree of virtual accounts to manage it (issue 27): who may see and change
 * which part (from the database, every time: branchOf, the effective-role rule), the tree in
 * order with its member counts, and what deleting a virtual account would do. The changes
 * themselves are lib/virtual-accounts/manage.ts.
 *
 * Who:
 * - a Smart Account Administrator sees and changes the whole tree;
 * - a Virtual Account Administrator sees the virtual accounts they manage (their branch), adds
 *   sub-accounts below them, and renames, moves or deletes only those strictly inside their branch
 *   (never the top of it; never a subtree reaching outside it; never to a place outside it);
 * - support staff see the whole tree, read-only;
 * - anyone else: not found, as for an account that does not exist.
 */

export type TreeRow = VirtualAccountRoleRow;

export const isDefaultRoot = (row: Pick<TreeRow, "parentId" | "name">) =>
  row.parentId === null && row.name === "DEFAULT";

/** The virtual account and everything below it. */
export const subtreeOf = (tree: TreeRow[], id: string) =>
  tree.filter((row) => row.path.includes(id));

/** The part of the tree a person may read: theirs to manage, or all of it read-only (support). */
export interface TreeReach {
  branch: Branch;
  /** Support staff reading the tree (they change nothing). */
  readOnly: boolean;
  byId: Map<string, TreeRow>;
  /** The virtual accounts shown: all of them, or the person's branch. */
  visible: TreeRow[];
}

/**
 * What the person may see of the account's tree, or null (not found) when nothing: read from the
 * database (their platform role, their effective roles).
 */
export async function treeReachOf(
  tx: Tx,
  viewerId: string,
  accountId: string,
  now: Date = new Date(),
): Promise<TreeReach | null> {
  // An id PostgreSQL cannot even compare (a NUL, a lone surrogate) names no account.
  if (!isStorableText(accountId)) return null;
  const [viewer, branch] = await Promise.all([
    tx.user.findUnique({
      where: { id: viewerId },
      select: { platformRole: true, disabledAt: true },
    }),
    branchOf(tx, viewerId, accountId, now),
  ]);
  if (!viewer || viewer.disabledAt) return null;
  const byId = new Map(branch.tree.map((row) => [row.id, row]));
  // Support staff read every account's tree (SUPPORT never changes it; a super administrator
  // changes only the accounts they administer, like everyone).
  const support = isSupportStaff(viewer);
  if (viewer.platformRole !== "SUPPORT" && branch.managed.size > 0) {
    const visible = branch.wholeAccount
      ? branch.tree
      : branch.tree.filter((row) => branch.managed.has(row.id));
    return { branch, readOnly: false, byId, visible };
  }
  if (!support) return null;
  const tree = branch.tree.length
    ? branch.tree
    : // An inactive account's branchOf is empty: support still reads its tree.
      await wholeTreeOf(tx, accountId);
  return {
    branch,
    readOnly: true,
    byId: new Map(tree.map((row) => [row.id, row])),
    visible: tree,
  };
}

async function wholeTreeOf(tx: Tx, accountId: string): Promise<TreeRow[]> {
  const rows = await tx.virtualAccount.findMany({
    where: { accountId },
    select: { id: true, parentId: true, name: true, path: true },
  });
  return rows.map((row) => ({ ...row, role: null, heldAs: null }));
}

/** The branch of someone who may change the tree, or NOT_FOUND (support staff change nothing). */
export async function changingReachOf(
  tx: Tx,
  actor: Pick<Actor, "id">,
  accountId: string,
): Promise<TreeReach> {
  const reach = await treeReachOf(tx, actor.id, accountId);
  if (!reach || reach.readOnly) throw virtualAccountNotFound();
  return reach;
}

/** The virtual account shown to this person, or NOT_FOUND. */
export function visibleRow(reach: TreeReach, virtualAccountId: string): TreeRow {
  const row = reach.byId.get(virtualAccountId);
  if (!row || !reach.visible.some((visible) => visible.id === row.id))
    throw virtualAccountNotFound();
  return row;
}

/** Whether the person may rename, move or delete it: strictly inside their branch, subtree and all. */
export function mayReshape(reach: TreeReach, row: TreeRow): "ok" | "branchRoot" | "outsideBranch" {
  const { branch } = reach;
  if (reach.readOnly) return "outsideBranch";
  if (branch.wholeAccount) return "ok";
  if (row.parentId === null || !branch.managed.has(row.parentId)) return "branchRoot";
  return grantWithinBranch(branch, row.id, true) ? "ok" : "outsideBranch";
}

/** The virtual account the actor renames, moves or deletes, or a refusal (404, 403). */
export function reshapedRow(reach: TreeReach, virtualAccountId: string): TreeRow {
  const row = visibleRow(reach, virtualAccountId);
  const may = mayReshape(reach, row);
  if (may !== "ok") throw treeRefused(may);
  return row;
}

/** Whether the person may put a virtual account below `parentId` (null: at the root). */
export function mayPlaceUnder(reach: TreeReach, parentId: string | null): boolean {
  if (reach.readOnly) return false;
  if (reach.branch.wholeAccount) return true;
  return parentId !== null && reach.branch.managed.has(parentId);
}

/** The virtual account as the page and the API show it. */
export interface VirtualAccountSummary {
  id: string;
  name: string;
  parentId: string | null;
  /** Names from the root down, itself last. */
  path: string[];
  /** 1 for a root, up to 6. */
  depth: number;
}

export function summaryOf(byId: Map<string, TreeRow>, row: TreeRow): VirtualAccountSummary {
  return {
    id: row.id,
    name: row.name,
    parentId: row.parentId,
    path: namesOf(byId, row),
    depth: row.path.length,
  };
}

/** People granted each virtual account directly (memberships in force, of users not disabled). */
async function grantedCounts(tx: Tx, accountId: string, now: Date): Promise<Map<string, number>> {
  const counts = await tx.virtualAccountGrant.groupBy({
    by: ["virtualAccountId"],
    where: {
      virtualAccount: { accountId },
      membership: { ...membershipInForceWhere(now), user: { disabledAt: null } },
    },
    _count: { _all: true },
  });
  return new Map(counts.map((count) => [count.virtualAccountId, count._count._all]));
}

export interface TreeNodeView extends VirtualAccountSummary {
  isDefault: boolean;
  /** People with a grant on this virtual account itself. */
  members: number;
  /** Depth of its deepest descendant below it (0: none). */
  height: number;
  /** What the viewer may do here. */
  can: { addChild: boolean; rename: boolean; move: boolean; delete: boolean };
  /** Where the viewer may move it (ids; null: the root). */
  moveTargets: (string | null)[];
  /** What deleting it does, when the viewer may delete it. */
  deletion: DeletionPreview | null;
}

export interface VirtualAccountsView {
  account: { id: string; name: string };
  readOnly: boolean;
  /** A Smart Account Administrator or support staff: the whole tree is shown. */
  wholeTree: boolean;
  /** May add a virtual account at the root. */
  canAddRoot: boolean;
  /** People with access to the entire Smart Account (every virtual account); null when not shown. */
  accountWideMembers: number | null;
  nodes: TreeNodeView[];
}

/** Levels a tree may have (a CHECK of the migration …_virtual_accounts). */
export const MAX_TREE_DEPTH = 6;

/** How many levels the subtree of `row` has below it. */
function heightOf(tree: TreeRow[], row: TreeRow): number {
  return Math.max(
    0,
    ...subtreeOf(tree, row.id).map((below) => below.path.length - row.path.length),
  );
}

/**
 * The account's tree for the virtual-accounts page, with each node's member count and what the
 * viewer may do there; null when the viewer may see none of it (the page answers not found).
 */
export async function virtualAccountsView(
  viewer: Pick<Actor, "id">,
  accountId: string,
): Promise<VirtualAccountsView | null> {
  const now = new Date();
  const reach = await treeReachOf(db, viewer.id, accountId, now);
  if (!reach) return null;
  const account = await db.account.findUnique({
    where: { id: accountId },
    select: { id: true, name: true },
  });
  if (!account) return null;
  const wholeTree = reach.readOnly || reach.branch.wholeAccount;
  const [counts, accountWideMembers] = await Promise.all([
    grantedCounts(db, accountId, now),
    wholeTree
      ? db.membership.count({
          where: {
            ...membershipInForceWhere(now),
            accountId,
            scope: "ACCOUNT",
            user: { disabledAt: null },
          },
        })
      : Promise.resolve(null),
  ]);
  const tree = [...reach.byId.values()];
  // The deletions' previews, from one read of the grants in force on the tree shown.
  const grants = reach.readOnly
    ? []
    : await grantsInForceOn(
        db,
        reach.visible.map((row) => row.id),
        now,
      );
  const ordered = inTreeOrder(reach.visible);
  const placeable = ordered.filter((row) => mayPlaceUnder(reach, row.id));
  const nodes = ordered.map((row): TreeNodeView => {
    const reshape = !reach.readOnly && mayReshape(reach, row) === "ok" && !isDefaultRoot(row);
    const height = heightOf(tree, row);
    const moveTargets: (string | null)[] = reshape
      ? [
          ...(mayPlaceUnder(reach, null) && row.parentId !== null ? [null] : []),
          ...placeable
            .filter(
              (target) =>
                target.id !== row.parentId &&
                !target.path.includes(row.id) &&
                target.path.length + 1 + height <= MAX_TREE_DEPTH,
            )
            .map((target) => target.id),
        ]
      : [];
    return {
      ...summaryOf(reach.byId, row),
      isDefault: isDefaultRoot(row),
      members: counts.get(row.id) ?? 0,
      height,
      can: {
        addChild: mayPlaceUnder(reach, row.id) && row.path.length < MAX_TREE_DEPTH,
        rename: reshape,
        move: reshape && moveTargets.length > 0,
        delete: reshape,
      },
      moveTargets,
      deletion: reshape ? previewOf(reach, row, grants) : null,
    };
  });
  return {
    account,
    readOnly: reach.readOnly,
    wholeTree,
    canAddRoot: mayPlaceUnder(reach, null),
    accountWideMembers,
    nodes,
  };
}

/** Someone who loses access by a deletion. */
export interface AffectedPerson {
  membershipId: string;
  userId: string;
  name: string;
  email: string;
  /** Their grants on the virtual accounts deleted, as paths of names. */
  grants: string[][];
  /** No grant left elsewhere in the account: their membership ends. */
  losesAllAccess: boolean;
}

export interface DeletionPreview {
  virtualAccount: VirtualAccountSummary;
  /** It and every virtual account below it, in tree order. */
  deletes: VirtualAccountSummary[];
  people: AffectedPerson[];
  /** Sub-accounts or people: the deletion needs `confirm`. */
  needsConfirmation: boolean;
  /** To echo when deleting: refused if what it previews changed meanwhile. */
  confirm: string;
}

/** A grant in force on a virtual account of the account, with its membership's other grants. */
export interface GrantInForce {
  virtualAccountId: string;
  membership: {
    id: string;
    userId: string;
    user: { email: string; firstName: string | null; lastName: string | null };
    grants: { virtualAccountId: string }[];
  };
}

/** The grants in force on these virtual accounts (memberships not ended), with what each membership holds. */
export function grantsInForceOn(
  tx: Tx,
  virtualAccountIds: string[],
  now: Date,
): Promise<GrantInForce[]> {
  return tx.virtualAccountGrant.findMany({
    where: {
      virtualAccountId: { in: virtualAccountIds },
      membership: membershipInForceWhere(now),
    },
    select: {
      virtualAccountId: true,
      membership: {
        select: {
          id: true,
          userId: true,
          user: { select: { email: true, firstName: true, lastName: true } },
          grants: { select: { virtualAccountId: true } },
        },
      },
    },
  });
}

/**
 * What deleting the virtual account does, from the grants in force (grantsInForceOn, at least on
 * its subtree): the virtual accounts that go with it, and the people granted there, each keeping
 * access elsewhere in the account or losing it all. `confirm` is a digest of exactly that.
 */
export function previewOf(reach: TreeReach, row: TreeRow, grants: GrantInForce[]): DeletionPreview {
  const tree = [...reach.byId.values()];
  const deleted = inTreeOrder(subtreeOf(tree, row.id));
  const deletedIds = new Set(deleted.map((va) => va.id));
  const people = new Map<string, AffectedPerson>();
  for (const grant of grants) {
    if (!deletedIds.has(grant.virtualAccountId)) continue;
    const m = grant.membership;
    const person = people.get(m.id) ?? {
      membershipId: m.id,
      userId: m.userId,
      name: displayName(m.user),
      email: m.user.email,
      grants: [],
      losesAllAccess: m.grants.every((other) => deletedIds.has(other.virtualAccountId)),
    };
    person.grants.push(namesOf(reach.byId, reach.byId.get(grant.virtualAccountId)!));
    people.set(m.id, person);
  }
  const affected = [...people.values()].sort(
    (a, b) => a.name.localeCompare(b.name) || a.membershipId.localeCompare(b.membershipId),
  );
  for (const person of affected)
    person.grants.sort((a, b) => a.join("/").localeCompare(b.join("/")));
  const digest = createHash("sha256")
    .update(
      JSON.stringify({
        deletes: [...deletedIds].sort(),
        people: affected
          .map((person) => [person.membershipId, person.losesAllAccess, person.grants.length])
          .sort(),
      }),
    )
    .digest("base64url")
    .slice(0, 22);
  return {
    virtualAccount: summaryOf(reach.byId, row),
    deletes: deleted.map((va) => summaryOf(reach.byId, va)),
    people: affected,
    needsConfirmation: deleted.length > 1 || affected.length > 0,
    confirm: digest,
  };
}

/** What deleting the virtual account does, read in `tx` (the deletion reads it again under its lock). */
export async function deletionPreviewIn(
  tx: Tx,
  reach: TreeReach,
  row: TreeRow,
  now: Date = new Date(),
): Promise<DeletionPreview> {
  const ids = subtreeOf([...reach.byId.values()], row.id).map((va) => va.id);
  return previewOf(reach, row, await grantsInForceOn(tx, ids, now));
}

/**
 * What deleting the virtual account would do, for the page's confirmation and the API's preview:
 * for a person who may delete it, else a refusal (404 when they may not see it, 403 when it is the
 * top of their branch or reaches outside it).
 */
export async function deletionPreview(
  viewer: Pick<Actor, "id">,
  accountId: string,
  virtualAccountId: string,
): Promise<DeletionPreview> {
  const reach = await changingReachOf(db, viewer, accountId);
  const row = reshapedRow(reach, virtualAccountId);
  if (isDefaultRoot(row)) throw treeRefused("defaultKept");
  return deletionPreviewIn(db, reach, row);
}
