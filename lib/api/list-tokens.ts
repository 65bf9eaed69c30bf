import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";

/** The actor's own tokens, newest first, with the names of the accounts they are limited to. */
export async function listApiTokens(actor: Pick<Actor, "id">) {
  const tokens = await db.apiToken.findMany({
    where: { creatorId: actor.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    select: {
      id: true,
      name: true,
      prefix: true,
      scopes: true,
      accountIds: true,
      createdAt: true,
      expiresAt: true,
      lastUsedAt: true,
      revokedAt: true,
    },
  });
  const ids = [...new Set(tokens.flatMap((token) => token.accountIds))];
  const accounts = ids.length
    ? await db.account.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })
    : [];
  const names = new Map(accounts.map((account) => [account.id, account.name]));
  return tokens.map((token) => ({
    ...token,
    accounts: token.accountIds.map((id) => ({ id, name: names.get(id) ?? id })),
  }));
}

export type ApiTokenRow = Awaited<ReturnType<typeof listApiTokens>>[number];
