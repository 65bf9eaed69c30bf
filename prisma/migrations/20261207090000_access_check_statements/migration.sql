-- The access check plans its statement once per connection (issue 27, measured). api_access_check
-- (migration …_access_check_virtual_account) ran one statement whose branches depended on whether
-- a virtual account was asked about; with none, PostgreSQL's custom plan pruned the effective-role
-- branch and so always looked cheaper than the generic one, and the plan cache re-planned the whole
-- statement on every call: 1.5 ms a check instead of 0.35 ms (bench F6 fell from 0.79 to 0.51 of
-- the trivial handler). Now each case is its own statement with nothing left for a custom plan to
-- prune, so the plan cache settles on each one's generic plan after a few calls, as before virtual
-- accounts. (Forcing generic plans with plan_cache_mode on the function was measured too: the
-- plain check recovered, the one with a virtual account lost ~10 %.) Same arguments, same result,
-- same answers.
CREATE OR REPLACE FUNCTION "api_access_check"(p_token_hash text, p_account_id text, p_email text, p_virtual_account_id text,
                                              p_now timestamp(3), p_seen_before timestamp(3))
RETURNS TABLE ("tokenId" text, "scopes" text[], "reaches" boolean, "scope" text, "role" text, "heldAs" text,
               "since" timestamp(3), "until" timestamp(3), "virtualAccounts" jsonb)
LANGUAGE plpgsql AS $function$
#variable_conflict use_column
BEGIN
  IF p_virtual_account_id IS NULL THEN
    RETURN QUERY
      WITH live AS (
        SELECT t."id", t."scopes", t."accountIds", t."lastUsedAt", t."creatorId"
          FROM "ApiToken" t JOIN "User" c ON c."id" = t."creatorId"
         WHERE t."tokenHash" = p_token_hash AND "api_token_valid"(t, c, p_now)
      ), used AS (
        -- The token's use, recorded at most once a minute (p_seen_before).
        UPDATE "ApiToken" SET "lastUsedAt" = p_now
         WHERE "id" = (SELECT live."id" FROM live WHERE live."lastUsedAt" IS NULL OR live."lastUsedAt" < p_seen_before)
      )
      SELECT live."id", live."scopes",
             -- Within the token's accounts, and its creator administers the account right now.
             (cardinality(live."accountIds") = 0 OR p_account_id = ANY(live."accountIds")) AND EXISTS (
               SELECT 1 FROM "Membership" am JOIN "User" au ON au."id" = am."userId" JOIN "Account" a ON a."id" = am."accountId"
                WHERE am."userId" = live."creatorId" AND am."accountId" = p_account_id
                  AND "is_active_admin"(am, au, p_now) AND a."status" = 'ACTIVE'),
             m."scope"::text,
             CASE WHEN m."scope" = 'ACCOUNT' THEN m."role"::text END,
             NULL::text,
             m."grantedAt", m."endsAt",
             granted."virtualAccounts"
        FROM live
        LEFT JOIN LATERAL (
          -- The person's active membership of the account.
          SELECT mm."id", mm."scope", mm."role", mm."grantedAt", mm."endsAt"
            FROM "User" u JOIN "Membership" mm ON mm."userId" = u."id"
           WHERE u."email" = p_email AND u."disabledAt" IS NULL AND mm."accountId" = p_account_id
             AND "membership_in_force"(mm, p_now)
        ) m ON true
        LEFT JOIN LATERAL (
          -- A member of virtual accounts: their grants.
          SELECT jsonb_agg(jsonb_build_object('id', g."virtualAccountId", 'role', g."role",
                                              'includeSubAccounts', g."includeSubAccounts") ORDER BY g."virtualAccountId") AS "virtualAccounts"
            FROM "VirtualAccountGrant" g
           WHERE m."scope" = 'VIRTUAL_ACCOUNTS' AND g."membershipId" = m."id"
        ) granted ON true;
  ELSE
    RETURN QUERY
      WITH live AS (
        SELECT t."id", t."scopes", t."accountIds", t."lastUsedAt", t."creatorId"
          FROM "ApiToken" t JOIN "User" c ON c."id" = t."creatorId"
         WHERE t."tokenHash" = p_token_hash AND "api_token_valid"(t, c, p_now)
      ), used AS (
        UPDATE "ApiToken" SET "lastUsedAt" = p_now
         WHERE "id" = (SELECT live."id" FROM live WHERE live."lastUsedAt" IS NULL OR live."lastUsedAt" < p_seen_before)
      )
      SELECT live."id", live."scopes",
             (cardinality(live."accountIds") = 0 OR p_account_id = ANY(live."accountIds")) AND EXISTS (
               SELECT 1 FROM "Membership" am JOIN "User" au ON au."id" = am."userId" JOIN "Account" a ON a."id" = am."accountId"
                WHERE am."userId" = live."creatorId" AND am."accountId" = p_account_id
                  AND "is_active_admin"(am, au, p_now) AND a."status" = 'ACTIVE'),
             m."scope"::text,
             held."role"::text,
             held."heldAs",
             m."grantedAt", m."endsAt",
             NULL::jsonb
        FROM live
        LEFT JOIN LATERAL (
          SELECT mm."userId", mm."scope", mm."grantedAt", mm."endsAt"
            FROM "User" u JOIN "Membership" mm ON mm."userId" = u."id"
           WHERE u."email" = p_email AND u."disabledAt" IS NULL AND mm."accountId" = p_account_id
             AND "membership_in_force"(mm, p_now)
        ) m ON true
        LEFT JOIN LATERAL (
          -- The effective role on the virtual account asked about (the rule, inlined).
          SELECT e."role", e."heldAs" FROM "effective_role"(m."userId", p_account_id, p_virtual_account_id, p_now) e
        ) held ON true;
  END IF;
END
$function$;
