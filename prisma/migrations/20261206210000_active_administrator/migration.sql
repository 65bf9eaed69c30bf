-- "Active administrator of an account", defined once for every statement that needs it (the API's
-- access check below, and the app's raw SQL through lib/memberships/active-admin.ts): an ADMIN
-- membership in force (not ended, and its `endsAt`, if any, still ahead at `p_now`) of a user who
-- is not disabled. An `endsAt` in the past ends the right at read time, not when the membership
-- sweep gets to it. The caller joins the membership's user.
--
-- Plain SQL expressions over the rows, IMMUTABLE and not STRICT, so that PostgreSQL inlines them
-- into the calling statement: the conditions reach the planner as if written there, and the
-- (accountId, role, active) index serves them as before.
CREATE FUNCTION "membership_in_force"(m "Membership", p_now timestamp(3))
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $function$
  SELECT m."active" AND (m."endsAt" IS NULL OR m."endsAt" > p_now)
$function$;

CREATE FUNCTION "is_active_admin"(m "Membership", u "User", p_now timestamp(3))
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $function$
  SELECT m."role" = 'ADMIN' AND "membership_in_force"(m, p_now) AND u."disabledAt" IS NULL
$function$;

-- api_access_check (migration …_hot_statement_functions) with the two rules above in place of its
-- own copies of them; the statement is otherwise unchanged.
CREATE OR REPLACE FUNCTION "api_access_check"(p_token_hash text, p_account_id text, p_email text, p_now timestamp(3), p_seen_before timestamp(3))
RETURNS TABLE ("tokenId" text, "scopes" text[], "reaches" boolean, "role" text, "since" timestamp(3), "until" timestamp(3))
LANGUAGE plpgsql AS $function$
#variable_conflict use_column
BEGIN
  RETURN QUERY
    WITH live AS (
      SELECT t."id", t."scopes", t."accountIds", t."lastUsedAt", t."creatorId"
        FROM "ApiToken" t JOIN "User" c ON c."id" = t."creatorId"
       WHERE t."tokenHash" = p_token_hash AND t."revokedAt" IS NULL AND t."expiresAt" > p_now AND c."disabledAt" IS NULL
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
           m."role"::text, m."grantedAt", m."endsAt"
      FROM live
      LEFT JOIN LATERAL (
        -- The person's active membership of the account.
        SELECT mm."role", mm."grantedAt", mm."endsAt" FROM "User" u JOIN "Membership" mm ON mm."userId" = u."id"
         WHERE u."email" = p_email AND u."disabledAt" IS NULL AND mm."accountId" = p_account_id
           AND "membership_in_force"(mm, p_now)
      ) m ON true;
END
$function$;
