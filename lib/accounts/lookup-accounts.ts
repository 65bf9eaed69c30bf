import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { validationError } from "@/lib/actions/mutation";
import { spendLookupAndFindAccounts } from "@/lib/db/sql/lookup";
import { AppError } from "@/lib/errors";
import { assertWithinLimit } from "@/lib/rate-limit";
import { normalizeDomain } from "./domain";

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
  // One statement spends a point of the user's lookup limit and finds the accounts.
  const rows = await spendLookupAndFindAccounts(actor.id, normalized.domain);
  assertWithinLimit("lookup", rows[0]!);
  const accounts = rows.flatMap((row) =>
    row.id && row.name ? [{ id: row.id, name: row.name }] : [],
  );
  return {
    domain: normalized.domain,
    accounts: accounts.map((account) => ({ ...account, domain: normalized.domain })),
  };
}
