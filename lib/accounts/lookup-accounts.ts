import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { validationError } from "@/lib/actions/mutation";
import { hotQuery } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { assertWithinLimit, spendInStatement, type SpentPoint } from "@/lib/rate-limit";
import { normalizeDomain } from "./domain";

/** The account (`account`: its alias in the statement) has this normalised identifier: an index lookup on AccountDomain. */
export function hasIdentifier(account: Prisma.Sql, domain: string): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM "AccountDomain" d WHERE d."accountId" = ${account}."id" AND d."domain" = ${domain})`;
}

export const lookupSchema = z.object({ identifier: z.string().max(300, "format") });

/** What a requester may learn about a matching account: never members or administrators. */
export interface AccountMatch {
  id: string;
  name: string;
  domain: string;
}

/**
 * The active accounts an Account Domain Identifier belongs to. Unknown identifiers and identifiers
 * of inactive accounts give the same empty answer. Signed-in users only, rate-limited per user so
 * the lookup cannot be used to list every account.
 */
export async function lookupAccounts(
  actor: Actor,
  rawInput: unknown,
): Promise<{ domain: string; accounts: AccountMatch[] }> {
  const parsed = lookupSchema.safeParse(rawInput);
  if (!parsed.success) throw validationError(parsed.error);
  const normalized = normalizeDomain(parsed.data.identifier);
  if (!normalized.ok)
    throw new AppError("VALIDATION", "Invalid identifier", {
      fieldErrors: { identifier: "format" },
    });
  // One statement spends a point of the user's lookup limit and finds the accounts: a refusal
  // answers RATE_LIMITED whatever the lookup found.
  const rows = await hotQuery<SpentPoint & { id: string | null; name: string | null }>(Prisma.sql`
    WITH ${spendInStatement("lookup", actor.id)}
    SELECT spent."points", spent."expire", match."id", match."name"
      FROM spent
      LEFT JOIN LATERAL (
        SELECT a."id", a."name" FROM "Account" a
         WHERE a."status" = 'ACTIVE' AND ${hasIdentifier(Prisma.sql`a`, normalized.domain)}
         ORDER BY a."name", a."id"
         LIMIT 50) match ON true`);
  assertWithinLimit("lookup", rows[0]!);
  const accounts = rows.flatMap((row) =>
    row.id && row.name ? [{ id: row.id, name: row.name }] : [],
  );
  return {
    domain: normalized.domain,
    accounts: accounts.map((account) => ({ ...account, domain: normalized.domain })),
  };
}
