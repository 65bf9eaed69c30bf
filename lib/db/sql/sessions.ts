import { hotQuery } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

/*
 * The statements that read a session (lib/auth/session-user.ts). Both judge it by the one rule
 * "session valid", the SQL function `session_valid` (migration …_domain_rules): before its absolute
 * end, used since `idleSince`, of a user not disabled.
 */

/**
 * The user of a valid session, recording its use (`lastSeenAt`, only when last recorded before
 * `seenBefore`) in the same statement: the PL/pgSQL function session_user_of (migrations
 * …_hot_statement_functions, …_domain_rules). SQL through hotQuery, as a function whose plan
 * PostgreSQL keeps per connection, because every signed-in request runs it
 * (docs/benchmarks-history.md).
 */
export function sessionUserOf<Row>(
  sessionToken: string,
  now: Date,
  idleSince: Date,
  seenBefore: Date,
): Promise<Row[]> {
  return hotQuery<Row>(
    Prisma.sql`SELECT * FROM "session_user_of"(${sessionToken}, ${now}, ${idleSince}, ${seenBefore})`,
  );
}

/**
 * Whether the session with this token is valid at `now`, without recording a use: for next-auth's
 * own read of a session (its adapter), which records the use itself. SQL because the rule is the
 * function session_valid, which session_user_of calls too.
 */
export async function isSessionValid(
  sessionToken: string,
  now: Date,
  idleSince: Date,
): Promise<boolean> {
  const rows = await hotQuery<{ valid: boolean }>(Prisma.sql`
    SELECT true AS "valid" FROM "Session" s JOIN "User" u ON u."id" = s."userId"
     WHERE s."sessionToken" = ${sessionToken} AND "session_valid"(s, u, ${now}::timestamp(3), ${idleSince}::timestamp(3))`);
  return rows.length > 0;
}
