import { z } from "zod";
import { apiScopes, TOKEN_ACCOUNTS_MAX, TOKEN_NAME_LENGTH, tokenLifetimes } from "./rules";

/** Messages are catalog keys under integrations.errors. */
const id = z.string().trim().min(1).max(100);

export const scopeSchema = z.enum(apiScopes, { error: "scopeInvalid" });

export const createTokenSchema = z.object({
  name: z.string().trim().min(1, "nameRequired").max(TOKEN_NAME_LENGTH.max, "nameTooLong"),
  scopes: z
    .array(scopeSchema)
    .min(1, "scopesRequired")
    .max(apiScopes.length)
    .transform((scopes) => [...new Set(scopes)]),
  lifetimeDays: z.coerce
    .number()
    .refine((days) => (tokenLifetimes as readonly number[]).includes(days), "lifetimeInvalid"),
  /** Empty: every account the creator administers, at each call. */
  accountIds: z
    .array(id)
    .max(TOKEN_ACCOUNTS_MAX, "tooManyAccounts")
    .default([])
    .transform((ids) => [...new Set(ids)]),
});

export const tokenIdSchema = z.object({ tokenId: id });
