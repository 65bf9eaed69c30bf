import { defineMutation } from "@/lib/actions/mutation";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { lockVirtualAccountTree } from "@/lib/db/sql/virtual-account-tree";
import type { Prisma } from "@/lib/generated/prisma/client";
import { endAsRemoved } from "@/lib/memberships/end-as-removed";
import { nameOf } from "@/lib/memberships/summary";
import { emitMembershipEvent } from "@/lib/webhooks/emit";
import { VIRTUAL_ACCOUNTS_PLACEHOLDER_ROLE } from "./scope";
import {
  changingReachOf,
  deletionPreviewIn,
  isDefaultRoot,
  MAX_TREE_DEPTH,
  mayPlaceUnder,
  reshapedRow,
  subtreeOf,
  summaryOf,
  type DeletionPreview,
  type TreeReach,
  type TreeRow,
  type VirtualAccountSummary,
} from "./manage-read";
import { treeRefused, type TreeRefusal } from "./manage-refusals";
import {
  createVirtualAccountSchema,
  deleteVirtualAccountSchema,
  moveVirtualAccountSchema,
  renameVirtualAccountSchema,
} from "./manage-schema";

type Tx = Prisma.TransactionClient;

/*
 * Changing an account's tree of virtual accounts (issue 27): create, rename, move, delete. Each is
 * a Mutation (support staff refused), authorized from the database (lib/virtual-accounts/
 * manage-read.ts: a Smart Account Administrator anywhere, a Virtual Account Administrator inside
 * their branch), run under a lock of the account's tree (lib/db/sql/virtual-account-tree.ts) so
 * that its checks hold when it writes, audited in the same transaction. The tree's rules are
 * checked first for a clear refusal, and PostgreSQL keeps them too (migration …_virtual_accounts):
 * a violation that still reaches the database is mapped to the same refusal, never a 500.
 *
 * Deleting a virtual account deletes every virtual account below it, and the grants on them (the
 * foreign keys cascade). A person whose only grants were there loses all access to the account:
 * their membership ends as REMOVED, exactly as when an administrator removes them (audit
 * membership.removed, webhook membership.removed, the member emailed in their language). A person
 * with grants elsewhere keeps those: audit membership.grantsRemoved, webhook membership.changed.
 * With sub-accounts or people, a deletion needs the confirmation of its preview
 * (deletionPreview's `confirm`): a confirmation of a preview that no longer holds is refused.
 */

/** The tree as it is under the lock, and the actor's reach in it. */
async function lockedReach(tx: Tx, actor: Pick<Actor, "id">, accountId: string) {
  // Authorize before taking the lock (a stranger locks nothing), then read again under it.
  await changingReachOf(tx, actor, accountId);
  await lockVirtualAccountTree(tx, accountId);
  return changingReachOf(tx, actor, accountId);
}

/** Prisma's codes for the violations a tree write can meet, as SQLSTATEs. */
const prismaCodes: Record<string, string> = { P2002: "23505", P2003: "23503" };

/**
 * The SQLSTATE of a database error under Prisma's driver adapter (`meta.driverAdapterError.cause
 * .originalCode`), or of the Prisma code it was given; null for anything else.
 */
function sqlStateOf(error: unknown): string | null {
  if (!error || typeof error !== "object") return null;
  const { code, meta } = error as { code?: unknown; meta?: unknown };
  const cause = (
    meta as { driverAdapterError?: { cause?: { originalCode?: unknown } } } | undefined
  )?.driverAdapterError?.cause;
  if (typeof cause?.originalCode === "string") return cause.originalCode;
  return typeof code === "string" ? (prismaCodes[code] ?? null) : null;
}

/**
 * Runs a write of the tree, turning what PostgreSQL refuses (a race the checks could not see) into
 * the refusal the checks would have given: a name taken, below itself or too deep, DEFAULT kept.
 */
export async function writeTree<T>(write: () => Promise<T>, otherwise: TreeRefusal): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const state = sqlStateOf(error);
    if (state === "23505") throw treeRefused("nameTaken", {}, "name");
    if (state === "23514") throw treeRefused(otherwise);
    if (state === "23503") throw treeRefused("parentUnknown");
    throw error;
  }
}

/** Refuses a name another child of the same parent (or another root) already has. */
function assertNameFree(reach: TreeReach, parentId: string | null, name: string, self?: string) {
  const clash = [...reach.byId.values()].some(
    (row) => row.parentId === parentId && row.name === name && row.id !== self,
  );
  if (clash) throw treeRefused("nameTaken", {}, "name");
}

/** The new parent (null: the root), checked: of the account, in the actor's reach, room below it. */
function parentFor(reach: TreeReach, parentId: string | null): TreeRow | null {
  const parent = parentId === null ? null : reach.byId.get(parentId);
  if (parent === undefined) throw treeRefused("parentUnknown", {}, "parentId");
  if (!mayPlaceUnder(reach, parentId)) throw treeRefused("outsideBranch", {}, "parentId");
  return parent;
}

const record = (summary: VirtualAccountSummary) => ({
  name: summary.name,
  parentId: summary.parentId,
  path: summary.path,
});

/** After a write, the virtual account as it now is (names of its ancestors included). */
async function summaryAfter(tx: Tx, id: string): Promise<VirtualAccountSummary> {
  const row = await tx.virtualAccount.findUniqueOrThrow({
    where: { id },
    select: { id: true, name: true, parentId: true, path: true },
  });
  const names = new Map(
    (
      await tx.virtualAccount.findMany({
        where: { id: { in: row.path } },
        select: { id: true, name: true },
      })
    ).map((va) => [va.id, va.name]),
  );
  return {
    id: row.id,
    name: row.name,
    parentId: row.parentId,
    path: row.path.map((ancestor) => names.get(ancestor) ?? "?"),
    depth: row.path.length,
  };
}

/** A new virtual account below a parent the actor manages, or at the root (Smart Account Administrators). */
export const createVirtualAccount = defineMutation({
  name: "virtualAccounts.create",
  input: createVirtualAccountSchema,
  async run({ actor, input, tx }): Promise<VirtualAccountSummary> {
    const reach = await lockedReach(tx, actor, input.accountId);
    const parent = parentFor(reach, input.parentId);
    if (parent && parent.path.length >= MAX_TREE_DEPTH) throw treeRefused("tooDeep");
    assertNameFree(reach, input.parentId, input.name);
    const { id } = await writeTree(
      () =>
        tx.virtualAccount.create({
          data: { accountId: input.accountId, parentId: input.parentId, name: input.name },
          select: { id: true },
        }),
      "tooDeep",
    );
    const created = await summaryAfter(tx, id);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "virtualAccount.created",
      subjectType: "VirtualAccount",
      subjectId: id,
      after: { ...record(created), accountId: input.accountId },
    });
    return created;
  },
});

/** A new name, unique among its siblings; DEFAULT keeps its own. */
export const renameVirtualAccount = defineMutation({
  name: "virtualAccounts.rename",
  input: renameVirtualAccountSchema,
  async run({ actor, input, tx }): Promise<VirtualAccountSummary> {
    const reach = await lockedReach(tx, actor, input.accountId);
    const row = reshapedRow(reach, input.virtualAccountId);
    if (isDefaultRoot(row)) throw treeRefused("defaultKept");
    const before = summaryOf(reach.byId, row);
    if (row.name === input.name) return before;
    assertNameFree(reach, row.parentId, input.name, row.id);
    await writeTree(
      () => tx.virtualAccount.update({ where: { id: row.id }, data: { name: input.name } }),
      "defaultKept",
    );
    const after = await summaryAfter(tx, row.id);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "virtualAccount.renamed",
      subjectType: "VirtualAccount",
      subjectId: row.id,
      before: record(before),
      after: { ...record(after), accountId: input.accountId },
    });
    return after;
  },
});

/**
 * A new place in the tree, with everything below it: under another parent (never itself or one of
 * its sub-accounts, at most 6 levels with its subtree, its name free there) or at the root.
 */
export const moveVirtualAccount = defineMutation({
  name: "virtualAccounts.move",
  input: moveVirtualAccountSchema,
  async run({ actor, input, tx }): Promise<VirtualAccountSummary> {
    const reach = await lockedReach(tx, actor, input.accountId);
    const row = reshapedRow(reach, input.virtualAccountId);
    if (isDefaultRoot(row)) throw treeRefused("defaultKept");
    const before = summaryOf(reach.byId, row);
    if (row.parentId === input.parentId) return before;
    const parent = parentFor(reach, input.parentId);
    if (parent?.path.includes(row.id)) throw treeRefused("belowItself", {}, "parentId");
    const tree = [...reach.byId.values()];
    const height = Math.max(
      ...subtreeOf(tree, row.id).map((below) => below.path.length - row.path.length),
    );
    if ((parent?.path.length ?? 0) + 1 + height > MAX_TREE_DEPTH)
      throw treeRefused("tooDeep", {}, "parentId");
    assertNameFree(reach, input.parentId, row.name, row.id);
    await writeTree(
      () => tx.virtualAccount.update({ where: { id: row.id }, data: { parentId: input.parentId } }),
      "belowItself",
    );
    const after = await summaryAfter(tx, row.id);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "virtualAccount.moved",
      subjectType: "VirtualAccount",
      subjectId: row.id,
      before: record(before),
      after: { ...record(after), accountId: input.accountId },
    });
    return after;
  },
});

export interface DeletionOutcome {
  deleted: VirtualAccountSummary[];
  /** People whose membership ended (no grant left in the account). */
  removed: number;
  /** People who kept access elsewhere in the account. */
  narrowed: number;
}

/** Ends the access of a person whose only grants were on the deleted virtual accounts (as removeMember does). */
async function endMembership(
  tx: Tx,
  actor: Pick<Actor, "id">,
  membershipId: string,
  why: Prisma.InputJsonObject,
) {
  const membership = await tx.membership.findUniqueOrThrow({
    where: { id: membershipId },
    select: { role: true, scope: true, endsAt: true },
  });
  await endAsRemoved(tx, {
    membershipId,
    actorId: actor.id,
    actorName: await nameOf(tx, actor.id),
    before: {
      active: true,
      role: membership.role,
      scope: membership.scope,
      endsAt: membership.endsAt?.toISOString() ?? null,
    },
    previousRole: membership.role,
    reason: null,
    details: why,
  });
}

/**
 * Deletes a virtual account and everything below it, with what that does to the people granted
 * there (see the top of this file). Refused when it has sub-accounts or people and `confirm` is
 * not its preview's, as read now under the lock.
 */
export const deleteVirtualAccount = defineMutation({
  name: "virtualAccounts.delete",
  input: deleteVirtualAccountSchema,
  async run({ actor, input, tx }): Promise<DeletionOutcome> {
    const reach = await lockedReach(tx, actor, input.accountId);
    const row = reshapedRow(reach, input.virtualAccountId);
    if (isDefaultRoot(row)) throw treeRefused("defaultKept");
    const now = new Date();
    const preview: DeletionPreview = await deletionPreviewIn(tx, reach, row, now);
    if (input.confirm !== null && input.confirm !== preview.confirm)
      throw treeRefused("deleteStale", { confirm: preview.confirm });
    if (preview.needsConfirmation && input.confirm === null)
      throw treeRefused("deleteUnconfirmed", { confirm: preview.confirm });

    const why = { virtualAccountDeleted: row.id };
    for (const person of preview.people) {
      if (person.losesAllAccess) {
        await endMembership(tx, actor, person.membershipId, why);
        continue;
      }
      await recordAudit(tx, {
        actorId: actor.id,
        action: "membership.grantsRemoved",
        subjectType: "Membership",
        subjectId: person.membershipId,
        before: { grants: person.grants },
        after: { ...why, accountId: input.accountId, userId: person.userId },
      });
    }
    await recordAudit(tx, {
      actorId: actor.id,
      action: "virtualAccount.deleted",
      subjectType: "VirtualAccount",
      subjectId: row.id,
      before: {
        ...record(preview.virtualAccount),
        deletes: preview.deletes.map((va) => ({ id: va.id, path: va.path })),
        people: preview.people.map((person) => ({
          membershipId: person.membershipId,
          losesAllAccess: person.losesAllAccess,
        })),
      },
      after: { accountId: input.accountId },
    });
    await writeTree(() => tx.virtualAccount.delete({ where: { id: row.id } }), "defaultKept");
    // After the grants went: the event carries the membership as it now is. Only memberships of
    // scope VIRTUAL_ACCOUNTS hold grants, and their own role column is the placeholder VIEWER.
    for (const person of preview.people)
      if (!person.losesAllAccess)
        await emitMembershipEvent(tx, "membership.changed", person.membershipId, {
          previousRole: VIRTUAL_ACCOUNTS_PLACEHOLDER_ROLE,
          changedById: actor.id,
        });
    return {
      deleted: preview.deletes,
      removed: preview.people.filter((person) => person.losesAllAccess).length,
      narrowed: preview.people.filter((person) => !person.losesAllAccess).length,
    };
  },
});
