import { z } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { validationError } from "@/lib/actions/mutation";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { consumeRateLimit } from "@/lib/rate-limit";
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
export async function lookupAccounts(actor: Actor, rawInput: unknown): Promise<{ domain: string; accounts: AccountMatch[] }> {
  const parsed = lookupSchema.safeParse(rawInput);
  if (!parsed.success) throw validationError(parsed.error);
  const normalized = normalizeDomain(parsed.data.identifier);
  if (!normalized.ok) throw new AppError("VALIDATION", "Invalid identifier", { fieldErrors: { identifier: "format" } });
  await consumeRateLimit("lookup", actor.id);
  // One statement: the accounts that have this identifier (an index lookup on AccountDomain).
  const accounts = await db.account.findMany({
    where: { status: "ACTIVE", domains: { some: { domain: normalized.domain } } },
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 50,
  });
  return { domain: normalized.domain, accounts: accounts.map((account) => ({ ...account, domain: normalized.domain })) };
}
