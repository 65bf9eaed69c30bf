import { z } from "zod";
import { membershipRoleSchema } from "@/lib/memberships/schema";
import { MAX_SCOPE_GRANTS, type Access } from "./scope";

/** Messages are catalog keys under memberships.errors. */
const virtualAccountId = z.string().trim().min(1).max(100);

/** One virtual account of a scope, as forms and JSON send it (the form sends the boolean as "on"/"true"). */
export const scopeGrantSchema = z.object({
  virtualAccountId,
  role: membershipRoleSchema,
  includeSubAccounts: z
    .union([z.boolean(), z.enum(["on", "true", "false"])])
    .optional()
    .transform((value) => value === true || value === "on" || value === "true"),
});

/**
 * The access an approval (or a scope change, or an added person) gives: the whole account with one
 * role, or 1 to MAX_SCOPE_GRANTS virtual accounts, each once. Whether those virtual accounts are
 * the account's is checked against the database (lib/virtual-accounts/grants.ts).
 */
export const accessSchema: z.ZodType<Access> = z.discriminatedUnion("scope", [
  z.object({ scope: z.literal("ACCOUNT"), role: membershipRoleSchema }),
  z.object({
    scope: z.literal("VIRTUAL_ACCOUNTS"),
    grants: z
      .array(scopeGrantSchema)
      .min(1, "virtualAccountsNone")
      .max(MAX_SCOPE_GRANTS, "virtualAccountsTooMany")
      .refine(
        (grants) => new Set(grants.map((grant) => grant.virtualAccountId)).size === grants.length,
        "virtualAccountTwice",
      ),
  }),
]);

/**
 * An access with the virtual accounts' names (lib/virtual-accounts/grants.ts: AccessView), as the
 * emails that state one carry it in their payload: the names as they were when it was written.
 */
export const accessViewSchema = z.discriminatedUnion("scope", [
  z.object({ scope: z.literal("ACCOUNT"), role: membershipRoleSchema }),
  z.object({
    scope: z.literal("VIRTUAL_ACCOUNTS"),
    grants: z.array(
      z.object({
        virtualAccountId: z.string(),
        role: membershipRoleSchema,
        includeSubAccounts: z.boolean(),
        path: z.array(z.string()),
      }),
    ),
  }),
]);
