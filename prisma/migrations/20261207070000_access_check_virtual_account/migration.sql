-- The API's access check with virtual accounts (issue 27): api_access_check (migration
-- …_domain_rules) takes the virtual account asked about (NULL: none) and answers the membership's
-- scope besides its role.
--   - Without a virtual account: a Smart Account member's role, as before; a member of scope
--     VIRTUAL_ACCOUNTS has no Smart Account role (their `role` column holds a placeholder, never
--     read as a role): role NULL, and their virtual accounts, each with its role (their grants, by
--     the unique index on (membershipId, virtualAccountId), at most MAX_SCOPE_GRANTS rows).
--   - With one: the effective role there and how it is held, from the one rule effective_role
--     (migration …_virtual_accounts), NULL when none (also for another account's virtual account).
-- Still one statement per check. PostgreSQL cannot change a function's arguments or result with
-- CREATE OR REPLACE: the former signature is dropped (the app calls only this one), then created.
DROP FUNCTION "api_access_check"(text, text, text, timestamp(3), timestamp(3));

CREATE OR REPLACE FUNCTION "api_access_check"(p_token_hash text, p_account_id text, p_email text, p_virtual_account_id text,
                                              p_now timestamp(3), p_seen_before timestamp(3))
RETURNS TABLE ("tokenId" text, "scopes" text[], "reaches" boolean, "scope" text, "role" text, "heldAs" text,
               "since" timestamp(3), "until" timestamp(3), "virtualAccounts" jsonb)
LANGUAGE plpgsql AS $function$
#variable_conflict use_column
BEGIN
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
           CASE WHEN p_virtual_account_id IS NOT NULL THEN held."role"::text
                WHEN m."scope" = 'ACCOUNT' THEN m."role"::text END,
           held."heldAs",
           m."grantedAt", m."endsAt",
           granted."virtualAccounts"
      FROM live
      LEFT JOIN LATERAL (
        -- The person's active membership of the account.
        SELECT mm."id", mm."userId", mm."scope", mm."role", mm."grantedAt", mm."endsAt"
          FROM "User" u JOIN "Membership" mm ON mm."userId" = u."id"
         WHERE u."email" = p_email AND u."disabledAt" IS NULL AND mm."accountId" = p_account_id
           AND "membership_in_force"(mm, p_now)
      ) m ON true
      LEFT JOIN LATERAL (
        -- Asked about a virtual account: the effective role there (the rule, inlined).
        SELECT e."role", e."heldAs" FROM "effective_role"(m."userId", p_account_id, p_virtual_account_id, p_now) e
         WHERE p_virtual_account_id IS NOT NULL
      ) held ON true
      LEFT JOIN LATERAL (
        -- Not asked about one, a member of virtual accounts: their grants.
        SELECT jsonb_agg(jsonb_build_object('id', g."virtualAccountId", 'role', g."role",
                                            'includeSubAccounts', g."includeSubAccounts") ORDER BY g."virtualAccountId") AS "virtualAccounts"
          FROM "VirtualAccountGrant" g
         WHERE p_virtual_account_id IS NULL AND m."scope" = 'VIRTUAL_ACCOUNTS' AND g."membershipId" = m."id"
      ) granted ON true;
END
$function$;
