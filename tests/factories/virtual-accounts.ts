import type { MembershipRole } from "@/lib/generated/prisma/enums";
import { appDatabase, type FactoryClient } from "./client";
import { unique } from "./unique";

/** The account's root `DEFAULT` virtual account (every account has one, made with it). */
export async function defaultVirtualAccountOf(
  accountId: string,
  client: FactoryClient = appDatabase,
) {
  return client.virtualAccount.findFirstOrThrow({
    where: { accountId, parentId: null, name: "DEFAULT" },
  });
}

/** A virtual account of the account: at the root unless given its parent, with a unique name. */
export async function createVirtualAccount(
  accountId: string,
  options: { parentId?: string | null; name?: string } = {},
  client: FactoryClient = appDatabase,
) {
  return client.virtualAccount.create({
    data: {
      accountId,
      parentId: options.parentId ?? null,
      name: options.name ?? `Virtual account ${unique()}`,
    },
  });
}

/**
 * A grant of a role on a virtual account to a membership (of scope VIRTUAL_ACCOUNTS: the database
 * refuses it on another), without its sub-accounts unless told.
 */
export async function createGrant(
  membershipId: string,
  virtualAccountId: string,
  role: MembershipRole,
  options: { includeSubAccounts?: boolean } = {},
  client: FactoryClient = appDatabase,
) {
  return client.virtualAccountGrant.create({
    data: {
      membershipId,
      virtualAccountId,
      role,
      includeSubAccounts: options.includeSubAccounts ?? false,
    },
  });
}
