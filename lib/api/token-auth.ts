import type { Actor } from "@/lib/auth/actor";
import {
  apiAccessCheck,
  resolveTokenCaller,
  type AccessCheckVirtualAccount,
} from "@/lib/db/sql/api-tokens";
import type { MembershipRole } from "@/lib/generated/prisma/enums";
import type { HeldAs } from "@/lib/virtual-accounts/effective-role";
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

/** A membership in force, as the access check answers it. */
interface Membership {
  since: Date;
  until: Date | null;
}

export type AccessCheck =
  | { outcome: "unauthenticated" }
  | { outcome: "forbidden"; tokenId: string }
  | { outcome: "notFound"; tokenId: string }
  /** Asked about a virtual account: a member with no role there (or not one of the account's). */
  | { outcome: "noRoleThere"; tokenId: string }
  /** A member of the whole Smart Account, with its role. */
  | ({ outcome: "account"; tokenId: string; role: MembershipRole } & Membership)
  /** A member of chosen virtual accounts (no Smart Account role): their grants. */
  | ({
      outcome: "virtualAccounts";
      tokenId: string;
      virtualAccounts: AccessCheckVirtualAccount[];
    } & Membership)
  /** Asked about a virtual account: the effective role there and how it is held. */
  | ({
      outcome: "virtualAccount";
      tokenId: string;
      virtualAccountId: string;
      scope: "account" | "virtualAccounts";
      role: MembershipRole;
      heldAs: HeldAs;
    } & Membership);

/**
 * The access check, the hot path a downstream tool calls at every sign-in: the token, its scope,
 * whether its creator administers the account right now (an active administrator of an active
 * account: is_active_admin, lib/memberships/active-admin.ts) and within the token's accounts, and
 * the person's membership in force — and, asked about a virtual account (its id, or null), the
 * person's effective role there (the rule effective_role, lib/virtual-accounts/effective-role.ts)
 * — all in one statement on unique indexes. A person who is not an active member, or is disabled,
 * and an account out of reach, answer the same: not found.
 */
export async function checkAccess(
  token: string,
  accountId: string,
  email: string,
  virtualAccountId: string | null = null,
  now = new Date(),
): Promise<AccessCheck> {
  const [row] = await apiAccessCheck(
    hashToken(token),
    accountId,
    email,
    virtualAccountId,
    now,
    seenBefore(now),
  );
  if (!row) return { outcome: "unauthenticated" };
  const { tokenId } = row;
  if (!row.scopes.includes("members:read")) return { outcome: "forbidden", tokenId };
  if (!row.reaches || !row.scope || !row.since) return { outcome: "notFound", tokenId };
  const membership = { since: row.since, until: row.until };
  const scope = row.scope === "ACCOUNT" ? "account" : "virtualAccounts";
  if (virtualAccountId !== null) {
    if (!row.role || !row.heldAs) return { outcome: "noRoleThere", tokenId };
    const held = { role: row.role, heldAs: row.heldAs };
    return { outcome: "virtualAccount", tokenId, virtualAccountId, scope, ...held, ...membership };
  }
  if (row.scope === "ACCOUNT" && row.role)
    return { outcome: "account", tokenId, role: row.role, ...membership };
  const virtualAccounts = row.virtualAccounts ?? [];
  return { outcome: "virtualAccounts", tokenId, virtualAccounts, ...membership };
}
