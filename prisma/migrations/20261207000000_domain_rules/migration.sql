-- Three more domain rules defined once, in PostgreSQL, for every path (docs/architecture.md,
-- "Domain rules"): the TypeScript calls these functions instead of restating them.

-- "Escalation due": why support staff must step in on an access request, or NULL. Only a PENDING
-- request not yet escalated is due: for want of an active administrator of its account
-- ('noActiveAdmin'), or because it has waited p_after_days (ESCALATE_AFTER_DAYS) or longer
-- ('pendingTooLong'). Whether the account has an active administrator is the caller's argument,
-- always the same EXISTS over is_active_admin (lib/db/sql/escalation.ts, escalationCauseSql): a
-- function reading a table could not be inlined, and the sweep's scan would call it once per
-- pending request (measured on 40,000 pending requests, none due: 1.6 s instead of 70 ms), where
-- inlined, PostgreSQL hashes the EXISTS once. The submit, the reminder and the request sweep all
-- escalate through it.
CREATE FUNCTION "escalation_cause"(r "AccessRequest", p_has_active_admin boolean, p_now timestamp(3), p_after_days integer)
RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $function$
  SELECT CASE
    WHEN r."status" <> 'PENDING' OR r."escalatedAt" IS NOT NULL THEN NULL
    WHEN NOT p_has_active_admin THEN 'noActiveAdmin'
    WHEN r."createdAt" <= p_now - make_interval(days => p_after_days) THEN 'pendingTooLong'
  END
$function$;

-- "API token valid": not revoked, not expired at p_now, its creator not disabled. What the token
-- then reaches is its creator's authority, checked at every call (is_active_admin). Inlined into
-- the calling statement, like is_active_admin.
CREATE FUNCTION "api_token_valid"(t "ApiToken", c "User", p_now timestamp(3))
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $function$
  SELECT t."revokedAt" IS NULL AND t."expiresAt" > p_now AND c."disabledAt" IS NULL
$function$;

-- "Session valid": before its absolute end (`expires`, never moved), used since p_idle_since (the
-- idle timeout), of a user not disabled. session_user_of (every signed-in request) and next-auth's
-- own session read (lib/auth/adapter.ts) both call it.
CREATE FUNCTION "session_valid"(s "Session", u "User", p_now timestamp(3), p_idle_since timestamp(3))
RETURNS boolean
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $function$
  SELECT s."expires" > p_now AND s."lastSeenAt" > p_idle_since AND u."disabledAt" IS NULL
$function$;

-- api_access_check (migration …_active_administrator) with api_token_valid in place of its own
-- copy of the rule; otherwise unchanged.
CREATE OR REPLACE FUNCTION "api_access_check"(p_token_hash text, p_account_id text, p_email text, p_now timestamp(3), p_seen_before timestamp(3))
RETURNS TABLE ("tokenId" text, "scopes" text[], "reaches" boolean, "role" text, "since" timestamp(3), "until" timestamp(3))
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

-- session_user_of (migration …_hot_statement_functions) with session_valid in place of its own
-- copy of the rule; otherwise unchanged.
CREATE OR REPLACE FUNCTION "session_user_of"(p_session_token text, p_now timestamp(3), p_idle_since timestamp(3), p_seen_before timestamp(3))
RETURNS TABLE ("id" text, "email" text, "firstName" text, "lastName" text, "company" text, "jobTitle" text, "country" text,
               "phone" text, "locale" "Locale", "platformRole" "PlatformRole")
LANGUAGE plpgsql AS $function$
#variable_conflict use_column
BEGIN
  RETURN QUERY
    WITH live AS (
      SELECT u."id", u."email", u."firstName", u."lastName", u."company", u."jobTitle", u."country",
             u."phone", u."locale", u."platformRole", s."id" AS "sessionId", s."lastSeenAt"
        FROM "Session" s JOIN "User" u ON u."id" = s."userId"
       WHERE s."sessionToken" = p_session_token AND "session_valid"(s, u, p_now, p_idle_since)
    ), seen AS (
      -- The session's use, recorded at most once a minute (p_seen_before); `expires` never moves.
      UPDATE "Session" SET "lastSeenAt" = p_now
       WHERE "id" = (SELECT live."sessionId" FROM live WHERE live."lastSeenAt" < p_seen_before)
    )
    SELECT live."id", live."email", live."firstName", live."lastName", live."company", live."jobTitle", live."country",
           live."phone", live."locale", live."platformRole"
      FROM live;
END
$function$;
