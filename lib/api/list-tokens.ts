import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { validTokenIdsOf } from "@/lib/db/sql/api-tokens";

/**
 * The actor's own tokens, newest first, with the names of the accounts they are limited to and
 * whether each is valid now (`valid`: the rule "API token valid", lib/api/token-auth.ts).
 */
export async function listApiTokens(actor: Pick<Actor, "id">, now: Date = new Date()) {
  const [tokens, validIds] = await Promise.all([
    db.apiToken.findMany({
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
    }),
    validTokenIdsOf(actor.id, now),
  ]);
  const valid = new Set(validIds);
  const ids = [...new Set(tokens.flatMap((token) => token.accountIds))];
  const accounts = ids.length
    ? await db.account.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })
    : [];
  const names = new Map(accounts.map((account) => [account.id, account.name]));
  return tokens.map((token) => ({
    ...token,
    valid: valid.has(token.id),
    accounts: token.accountIds.map((id) => ({ id, name: names.get(id) ?? id })),
  }));
}

export type ApiTokenRow = Awaited<ReturnType<typeof listApiTokens>>[number];
