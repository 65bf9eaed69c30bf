import type { Prisma } from "@/lib/generated/prisma/client";

/*
 * Changing an account's tree of virtual accounts (issue 27: lib/virtual-accounts/manage.ts). SQL
 * for the lock only: Prisma has no FOR UPDATE.
 */

/**
 * Locks every virtual account of the account, in id order, for the rest of the transaction: two
 * changes of one account's tree run one after the other, so that the checks a change makes (below
 * itself, 6 levels, names among siblings, who is granted what on the virtual accounts it deletes)
 * still hold when it writes. A new grant on one of them (its foreign key takes a share lock on
 * the row) waits too, so a deletion ends exactly the access it previewed.
 */
export async function lockVirtualAccountTree(
  tx: Prisma.TransactionClient,
  accountId: string,
): Promise<void> {
  await tx.$queryRaw`
    SELECT va."id" FROM "VirtualAccount" va
     WHERE va."accountId" = ${accountId}
     ORDER BY va."id"
       FOR UPDATE`;
}
