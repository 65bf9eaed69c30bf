import { db, hotQuery } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type {
  Locale,
  MembershipRole,
  MembershipScope,
  PlatformRole,
} from "@/lib/generated/prisma/enums";
import type { HeldAs } from "@/lib/virtual-accounts/effective-role";

/*
 * The statements that resolve an API token (lib/api/token-auth.ts). Both judge the token by the one
 * rule "API token valid", the SQL function `api_token_valid` (migration …_domain_rules): not
 * revoked, not expired, its creator not disabled. SQL through hotQuery because every API call runs
 * one of them (docs/benchmarks-history.md).
 */

export interface TokenCallerRow {
  tokenId: string;
  scopes: string[];
  accountIds: string[];
  creatorId: string;
  email: string;
  platformRole: PlatformRole;
  locale: Locale | null;
}

/**
 * The valid token with this hash and its creator, recording its use (`lastUsedAt`, only when last
 * recorded before `seenBefore`) in the same statement.
 */
export function resolveTokenCaller(
  tokenHash: string,
  now: Date,
  seenBefore: Date,
): Promise<TokenCallerRow[]> {
  return hotQuery<TokenCallerRow>(Prisma.sql`
    WITH live AS (
      SELECT t."id" AS "tokenId", t."scopes", t."accountIds", t."lastUsedAt", c."id" AS "creatorId", c."email",
             c."platformRole"::text AS "platformRole", c."locale"::text AS "locale"
        FROM "ApiToken" t JOIN "User" c ON c."id" = t."creatorId"
       WHERE t."tokenHash" = ${tokenHash} AND "api_token_valid"(t, c, ${now}::timestamp(3))
    ), used AS (
      UPDATE "ApiToken" SET "lastUsedAt" = ${now}
       WHERE "id" = (SELECT "tokenId" FROM live WHERE "lastUsedAt" IS NULL OR "lastUsedAt" < ${seenBefore})
    )
    SELECT "tokenId", "scopes", "accountIds", "creatorId", "email", "platformRole", "locale" FROM live`);
}

/** A grant as the access check answers it: the virtual account's id, the role, with or without sub-accounts. */
export interface AccessCheckVirtualAccount {
  id: string;
  role: MembershipRole;
  includeSubAccounts: boolean;
}

export interface AccessCheckRow {
  tokenId: string;
  scopes: string[];
  reaches: boolean;
  /** The person's membership in force (null: none), and its scope. */
  scope: MembershipScope | null;
  /**
   * Without a virtual account: the Smart Account role (null for a membership of scope
   * VIRTUAL_ACCOUNTS, whose own column is a placeholder). With one: the effective role there.
   */
  role: MembershipRole | null;
  /** With a virtual account: how the effective role is held. */
  heldAs: HeldAs | null;
  since: Date | null;
  until: Date | null;
  /** Without a virtual account, a membership of scope VIRTUAL_ACCOUNTS: its grants. */
  virtualAccounts: AccessCheckVirtualAccount[] | null;
}

/**
 * The access check in one statement: the PL/pgSQL function api_access_check (migrations
 * …_hot_statement_functions, …_domain_rules, …_access_check_virtual_account), whose plan
 * PostgreSQL keeps per connection instead of planning four joins at every call (measured: 1.3–1.9
 * ms of database CPU as a plain statement, 0.3–0.5 ms as the function). With a virtual account
 * (null: none) it asks the rule `effective_role` there in the same statement. No row: no valid
 * token.
 */
export function apiAccessCheck(
  tokenHash: string,
  accountId: string,
  email: string,
  virtualAccountId: string | null,
  now: Date,
  seenBefore: Date,
): Promise<AccessCheckRow[]> {
  return hotQuery<AccessCheckRow>(
    apiAccessCheckSql(tokenHash, accountId, email, virtualAccountId, now, seenBefore),
  );
}

/** The access check's statement (its plan is tested: tests/integration/access-check-plan.test.ts). */
export function apiAccessCheckSql(
  tokenHash: string,
  accountId: string,
  email: string,
  virtualAccountId: string | null,
  now: Date,
  seenBefore: Date,
): Prisma.Sql {
  return Prisma.sql`SELECT * FROM "api_access_check"(${tokenHash}, ${accountId}, ${email}, ${virtualAccountId}::text, ${now}, ${seenBefore})`;
}

/**
 * The ids of the creator's tokens valid at `now` (`api_token_valid`), for the list of their tokens
 * (lib/api/list-tokens.ts): the page shows a token as active by the rule the API applies, not by
 * its own reading of the columns. SQL because the rule is that function; not a hot path, so
 * through Prisma's client.
 */
export async function validTokenIdsOf(creatorId: string, now: Date): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT t."id" FROM "ApiToken" t JOIN "User" c ON c."id" = t."creatorId"
     WHERE t."creatorId" = ${creatorId} AND "api_token_valid"(t, c, ${now}::timestamp(3))`;
  return rows.map((row) => row.id);
}
