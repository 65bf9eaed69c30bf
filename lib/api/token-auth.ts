import type { Actor } from "@/lib/auth/actor";
import { hotQuery } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Locale, MembershipRole, PlatformRole } from "@/lib/generated/prisma/enums";
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

interface CallerRow {
  tokenId: string;
  scopes: string[];
  accountIds: string[];
  creatorId: string;
  email: string;
  platformRole: PlatformRole;
  locale: Locale | null;
}

/**
 * The caller of a token, or null (unknown, revoked, expired, or its creator disabled), in one
 * statement that also records the use (at most once a minute). What the token reaches is not
 * decided here: every read and decision checks the creator's authority itself, as for the UI.
 */
export async function resolveCaller(token: string, now = new Date()): Promise<ApiCaller | null> {
  const [row] = await hotQuery<CallerRow>(Prisma.sql`
    WITH live AS (
      SELECT t."id" AS "tokenId", t."scopes", t."accountIds", t."lastUsedAt", c."id" AS "creatorId", c."email",
             c."platformRole"::text AS "platformRole", c."locale"::text AS "locale"
        FROM "ApiToken" t JOIN "User" c ON c."id" = t."creatorId"
       WHERE t."tokenHash" = ${hashToken(token)} AND t."revokedAt" IS NULL AND t."expiresAt" > ${now} AND c."disabledAt" IS NULL
    ), used AS (
      UPDATE "ApiToken" SET "lastUsedAt" = ${now}
       WHERE "id" = (SELECT "tokenId" FROM live WHERE "lastUsedAt" IS NULL OR "lastUsedAt" < ${seenBefore(now)})
    )
    SELECT "tokenId", "scopes", "accountIds", "creatorId", "email", "platformRole", "locale" FROM live`);
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

interface AccessRow {
  tokenId: string;
  scopes: string[];
  reaches: boolean;
  role: MembershipRole | null;
  since: Date | null;
  until: Date | null;
}

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
  // The statement is the function api_access_check (prisma/migrations/…_hot_statement_functions):
  // PostgreSQL keeps its plan per connection instead of planning four joins at every call.
  const [row] = await hotQuery<AccessRow>(
    Prisma.sql`SELECT * FROM "api_access_check"(${hashToken(token)}, ${accountId}, ${email}, ${now}, ${seenBefore(now)})`,
  );
  if (!row) return { outcome: "unauthenticated" };
  const { tokenId } = row;
  if (!row.scopes.includes("members:read")) return { outcome: "forbidden", tokenId };
  if (!row.reaches || !row.role || !row.since) return { outcome: "notFound", tokenId };
  return { outcome: "member", tokenId, role: row.role, since: row.since, until: row.until };
}
