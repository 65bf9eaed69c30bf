/*
 * What the token form checks before sending, in plain code so that the browser does not download
 * zod; the zod schemas (schema.ts) are built from the same constants and stay the authority.
 */

/** What a token may do; each endpoint of /api/v1 names the one it needs. */
export const apiScopes = [
  "requests:read",
  "requests:decide",
  "members:read",
  "members:write",
] as const;
export type ApiScope = (typeof apiScopes)[number];

/** Lifetimes offered when creating a token, in days. */
export const tokenLifetimes = [7, 30, 90, 365] as const;
export const TOKEN_NAME_LENGTH = { max: 100 } as const;
/** Accounts a token may be limited to. */
export const TOKEN_ACCOUNTS_MAX = 100;

/** The catalog key (integrations.errors.*) for a token name the server would refuse, or null. */
export function tokenNameErrorCode(name: string): "nameRequired" | "nameTooLong" | null {
  const trimmed = name.trim();
  if (!trimmed) return "nameRequired";
  return trimmed.length > TOKEN_NAME_LENGTH.max ? "nameTooLong" : null;
}
