import type { z } from "zod";
import { validationError } from "@/lib/actions/mutation";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import {
  decodeCursor,
  encodeCursor,
  KeysetRead,
  keysetPage,
  pageDirection,
  rowsToFetch,
} from "@/lib/pagination/keyset";
import {
  createVirtualAccount,
  deleteVirtualAccount,
  moveVirtualAccount,
  renameVirtualAccount,
} from "@/lib/virtual-accounts/manage";
import { deletionPreview, summaryOf, treeReachOf } from "@/lib/virtual-accounts/manage-read";
import type {
  virtualAccount,
  virtualAccountDeleted,
  virtualAccountDeletion,
  virtualAccountPage,
} from "./contract";
import {
  accountParams,
  virtualAccountDeleteQuery,
  virtualAccountListQuery,
  virtualAccountParams,
} from "./contract";
import { withinTokenAccounts, type ApiCaller } from "./token-auth";

type Tx = Prisma.TransactionClient;

/*
 * /api/v1/accounts/{accountId}/virtual-accounts (issue 27): the tree the token's creator may see
 * (lib/virtual-accounts/manage-read.ts: all of it for a Smart Account Administrator, their branch
 * for a Virtual Account Administrator), and its changes, which run the page's Mutations as the
 * creator, in one transaction with the record of the token's use.
 */

const notFound = () => new AppError("NOT_FOUND", "No such account within the token's reach");

function parsed<T extends z.ZodType>(schema: T, value: unknown): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error);
  return result.data;
}

/** One page of the virtual accounts the creator may see, by keyset on (createdAt, id). */
export async function listVirtualAccountsForCaller(
  caller: ApiCaller,
  params: Record<string, string>,
  query: Record<string, string>,
): Promise<z.input<typeof virtualAccountPage>> {
  const { accountId } = parsed(accountParams, params);
  const { size, after, before } = parsed(virtualAccountListQuery, query);
  // A cursor the portal did not sign: 400, as for the requests' list.
  for (const [key, value] of Object.entries({ after, before }))
    if (value !== undefined && !decodeCursor(value))
      throw new AppError("VALIDATION", "Invalid cursor", {
        fieldErrors: { [key]: "cursorInvalid" },
      });
  const direction = pageDirection({ after, before });
  const reach = withinTokenAccounts(caller, accountId)
    ? await treeReachOf(db, caller.creator.id, accountId)
    : null;
  if (!reach) throw notFound();
  const pageSize = Number(size);
  const read = new KeysetRead(direction, "asc");
  const fetched = await db.virtualAccount.findMany({
    where: { AND: [{ id: { in: reach.visible.map((row) => row.id) } }, read.prismaWhere()] },
    orderBy: read.prismaOrderBy(),
    take: rowsToFetch(pageSize),
    select: { id: true, createdAt: true },
  });
  const page = keysetPage(fetched, direction, pageSize);
  return {
    data: page.rows.map((row) => summaryOf(reach.byId, reach.byId.get(row.id)!)),
    next: page.next && encodeCursor(page.next),
    previous: page.previous && encodeCursor(page.previous),
  };
}

/** Runs a change as the token's creator, with the record of the token's use, in one transaction. */
function asCreator<T>(
  caller: ApiCaller,
  accountId: string,
  change: string,
  act: (tx: Tx) => Promise<{ result: T; virtualAccountId: string }>,
): Promise<T> {
  if (!withinTokenAccounts(caller, accountId)) throw notFound();
  return db.$transaction(
    async (tx) => {
      const { result, virtualAccountId } = await act(tx);
      await recordAudit(tx, {
        actorId: caller.creator.id,
        action: "apiToken.used",
        subjectType: "ApiToken",
        subjectId: caller.tokenId,
        after: { accountId, virtualAccountId, change },
      });
      return result;
    },
    { maxWait: 10_000, timeout: 15_000 },
  );
}

/** POST: a new virtual account (createVirtualAccount). */
export function createVirtualAccountForCaller(
  caller: ApiCaller,
  params: Record<string, string>,
  body: Record<string, unknown>,
): Promise<z.input<typeof virtualAccount>> {
  const { accountId } = parsed(accountParams, params);
  return asCreator(caller, accountId, "virtualAccount.created", async (tx) => {
    const created = await createVirtualAccount.executeIn(tx, caller.creator, {
      accountId,
      name: body.name,
      parentId: body.parentId ?? null,
    });
    return { result: created, virtualAccountId: created.id };
  });
}

/** PATCH: a new name (renameVirtualAccount) and/or a new place (moveVirtualAccount), together or not at all. */
export function updateVirtualAccountForCaller(
  caller: ApiCaller,
  params: Record<string, string>,
  body: Record<string, unknown>,
): Promise<z.input<typeof virtualAccount>> {
  const { accountId, virtualAccountId } = parsed(virtualAccountParams, params);
  const change = [body.name !== undefined && "renamed", body.parentId !== undefined && "moved"]
    .filter(Boolean)
    .join("+");
  return asCreator(caller, accountId, `virtualAccount.${change}`, async (tx) => {
    const ids = { accountId, virtualAccountId };
    let result = null;
    if (body.name !== undefined)
      result = await renameVirtualAccount.executeIn(tx, caller.creator, {
        ...ids,
        name: body.name,
      });
    if (body.parentId !== undefined)
      result = await moveVirtualAccount.executeIn(tx, caller.creator, {
        ...ids,
        parentId: body.parentId,
      });
    if (!result) throw new AppError("VALIDATION", "Nothing to change");
    return { result, virtualAccountId };
  });
}

/** GET …/deletion: what deleting it does, and the confirmation DELETE takes. */
export async function previewDeletionForCaller(
  caller: ApiCaller,
  params: Record<string, string>,
): Promise<z.input<typeof virtualAccountDeletion>> {
  const { accountId, virtualAccountId } = parsed(virtualAccountParams, params);
  if (!withinTokenAccounts(caller, accountId)) throw notFound();
  const preview = await deletionPreview(caller.creator, accountId, virtualAccountId);
  return {
    ...preview,
    people: preview.people.map(({ email, name, grants, losesAllAccess }) => ({
      email,
      name,
      grants,
      losesAllAccess,
    })),
  };
}

/** DELETE: the virtual account and everything below it (deleteVirtualAccount), with `confirm`. */
export function deleteVirtualAccountForCaller(
  caller: ApiCaller,
  params: Record<string, string>,
  query: Record<string, string>,
): Promise<z.input<typeof virtualAccountDeleted>> {
  const { accountId, virtualAccountId } = parsed(virtualAccountParams, params);
  const { confirm } = parsed(virtualAccountDeleteQuery, query);
  return asCreator(caller, accountId, "virtualAccount.deleted", async (tx) => ({
    result: await deleteVirtualAccount.executeIn(tx, caller.creator, {
      accountId,
      virtualAccountId,
      confirm,
    }),
    virtualAccountId,
  }));
}
