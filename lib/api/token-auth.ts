import type { Actor } from "@/lib/auth/actor";
import { apiAccessCheck, resolveTokenCaller } from "@/lib/db/sql/api-tokens";
import type { MembershipRole } from "@/lib/generated/prisma/enums";
import type { ApiScope } from "./rules";
import { hashToken, isTokenShaped } from "./token-secret";

/** Who calls the API: a live token, acting as its creator (read fresh from the database). */
export interface ApiCaller {
  tokenId: string;
  scopes: readonly string[];
  /** The accounts the token is limited to; empty: every account its creator administers. */
  accountIds: readonly string[];
  creator: Actor;
}

/** `lastUsedAt` moves at most once a minute: one write a minute per busy token, not one per call. */
export const LAST_USED_RESOLUTION_SECONDS = 60;

/** The token of an `Authorization: Bearer sap_…` header, or null. */
export function bearerToken(authorization: string | null): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  return match && isTokenShaped(match[1]!) ? match[1]! : null;
}

const seenBefore = (now: Date) => new Date(now.getTime() - LAST_USED_RESOLUTION_SECONDS * 1000);

/*
 * "API token valid", the one rule: not revoked, not expired, its creator not disabled — the SQL
 * function `api_token_valid` (migration …_domain_rules), which both statements below call (the
 * caller of every /api/v1 route through apiRoute, and the access check's api_access_check). What a
 * valid token reaches is its creator's authority, read at every call: the accounts they administer
 * right now (is_active_admin), within the token's own limit. So revoking, expiring, disabling the
 * creator or their ceasing to administer stops a token at its next call. Test:
 * tests/integration/api-token-valid.test.ts (every case through every path).
 */

/**
 * The caller of a token, or null (not a valid token), in one statement that also records the use
 * (at most once a minute). What the token reaches is not decided here: every read and decision
 * checks the creator's authority itself, as for the UI.
 */
export async function resolveCaller(token: string, now = new Date()): Promise<ApiCaller | null> {
  const [row] = await resolveTokenCaller(hashToken(token), now, seenBefore(now));
  if (!row) return null;
  return {
    tokenId: row.tokenId,
    scopes: row.scopes,
    accountIds: row.accountIds,
    creator: {
      id: row.creatorId,
      email: row.email,
      platformRole: row.platformRole,
      locale: row.locale,
    },
  };
}

/** Whether the token's own limit (its account subset) lets it reach the account. */
export const withinTokenAccounts = (caller: Pick<ApiCaller, "accountIds">, accountId: string) =>
  caller.accountIds.length === 0 || caller.accountIds.includes(accountId);

export const hasScope = (caller: Pick<ApiCaller, "scopes">, scope: ApiScope) =>
  caller.scopes.includes(scope);

export type AccessCheck =
  | { outcome: "unauthenticated" }
  | { outcome: "forbidden"; tokenId: string }
  | { outcome: "notFound"; tokenId: string }
  | { outcome: "member"; tokenId: string; role: MembershipRole; since: Date; until: Date | null };

/**
 * The access check, the hot path a downstream tool calls at every sign-in: the token, its scope,
 * whether its creator administers the account right now (an active administrator of an active
 * account: is_active_admin, lib/memberships/active-admin.ts) and within the token's accounts, and
 * the person's membership in force, all in one statement on unique indexes. A person who is not an active member, or is
 * disabled, and an account out of reach, answer the same: not found.
 */
export async function checkAccess(
  token: string,
  accountId: string,
  email: string,
  now = new Date(),
): Promise<AccessCheck> {
  const [row] = await apiAccessCheck(hashToken(token), accountId, email, now, seenBefore(now));
  if (!row) return { outcome: "unauthenticated" };
  const { tokenId } = row;
  if (!row.scopes.includes("members:read")) return { outcome: "forbidden", tokenId };
  if (!row.reaches || !row.role || !row.since) return { outcome: "notFound", tokenId };
  return { outcome: "member", tokenId, role: row.role, since: row.since, until: row.until };
}
