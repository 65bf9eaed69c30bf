import { hasIdentifier } from "./lookup";
import type { AuditEntry } from "@/lib/audit/record";
import { auditInsert } from "./audit";
import type { SqlWriter } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { OutgoingEmail } from "@/lib/mail/outbox";
import { outboxInsert } from "./outbox";
import type { EmailTemplateName } from "@/lib/mail/templates";
import { membershipInForceSql } from "./active-admin";
import type { ProfileField } from "@/lib/profile/schema";
import type { SpentPoint } from "@/lib/rate-limit";
import { spendInStatement } from "./rate-limit";
import type { PersonRow } from "@/lib/requests/recipients";
import { activeAdminsJson } from "./recipients";
import { requestEventInsert } from "./webhooks";

/*
 * The submit's statements (lib/requests/submit-request.ts). SQL because the submit is the mutation
 * every requester runs, in a plain pg transaction (defineSqlMutation): two statements instead of
 * Prisma's dozen, measured in docs/benchmarks-history.md.
 */

const sql = Prisma.sql;

/** What a submit checks, read in one statement: the requester, the account and the requester's access to it, its administrators. */
export interface SubmitFacts extends Record<ProfileField, string | null> {
  accountId: string | null;
  accountName: string | null;
  /** The requester's role in the account, when their membership is in force (membership_in_force). */
  memberRole: string | null;
  admins: PersonRow[];
}

/**
 * The requester's profile, the ACTIVE account with this id and identifier, the requester's
 * membership of it if in force at `now` (an end date that passed ends it, swept or not), and its
 * active administrators, in one statement.
 */
export function readSubmitFacts(
  tx: SqlWriter,
  requesterId: string,
  accountId: string,
  domain: string,
  now: Date,
) {
  return tx.$queryRaw<SubmitFacts[]>(sql`
    SELECT u."firstName", u."lastName", u."email", u."company", u."jobTitle", u."country", u."phone",
           a."id" AS "accountId", a."name" AS "accountName", m."role"::text AS "memberRole",
           ${activeAdminsJson(Prisma.sql`a."id"`, now)} AS "admins"
      FROM "User" u
      LEFT JOIN "Account" a ON a."id" = ${accountId} AND a."status" = 'ACTIVE'
       AND ${hasIdentifier(Prisma.sql`a`, domain)}
      LEFT JOIN "Membership" m ON m."userId" = u."id" AND m."accountId" = a."id" AND ${membershipInForceSql("m", now)}
     WHERE u."id" = ${requesterId}`);
}

export interface SubmittedRequest {
  id: string;
  requesterId: string;
  accountId: string;
  domain: string;
  reason: string;
  expiresAt: Date;
}

/**
 * Writes the request with everything that goes with it, in one data-modifying WITH, each part
 * guarded by the INSERT having inserted: the requester's rate-limit point, the audit event, the
 * webhook deliveries, the administrators' emails. ON CONFLICT waits for a concurrent insert of the
 * same pair to commit, then does nothing: no row comes back.
 */
export async function insertSubmittedRequest(
  tx: SqlWriter,
  request: SubmittedRequest,
  effects: { audit: AuditEntry; emails: OutgoingEmail<EmailTemplateName>[] },
): Promise<({ createdAt: Date } & SpentPoint) | undefined> {
  const inserted = sql`EXISTS (SELECT 1 FROM submitted)`;
  const parts = [
    // Counted only when a request is made (it emails every administrator): showing the pending
    // request again costs nothing, and a refusal rolls the request and its point back.
    spendInStatement("submitRequest", request.requesterId, Date.now(), inserted),
    sql`audit AS (${auditInsert([effects.audit], inserted)})`,
    sql`webhooks AS (${requestEventInsert("request.created", request.id, sql`submitted`)})`,
  ];
  if (effects.emails.length) parts.push(sql`emails AS (${outboxInsert(effects.emails, inserted)})`);
  const [created] = await tx.$queryRaw<({ createdAt: Date } & SpentPoint)[]>(sql`
      WITH submitted AS (
        INSERT INTO "AccessRequest" ("id", "requesterId", "accountId", "domain", "reason", "expiresAt", "updatedAt")
        VALUES (${request.id}, ${request.requesterId}, ${request.accountId}, ${request.domain}, ${request.reason}, ${request.expiresAt}, now())
        ON CONFLICT ("requesterId", "accountId") WHERE status = 'PENDING' DO NOTHING
        RETURNING *
      ), ${Prisma.join(parts)}
      SELECT submitted."createdAt", spent."points", spent."expire" FROM submitted, spent`);
  return created;
}

/** The requester's PENDING request for the account (the one a submit conflicted with), if any. */
export async function pendingRequestOf(
  tx: SqlWriter,
  requesterId: string,
  accountId: string,
): Promise<{ id: string; createdAt: Date } | undefined> {
  const [existing] = await tx.$queryRaw<{ id: string; createdAt: Date }[]>(sql`
        SELECT "id", "createdAt" FROM "AccessRequest"
         WHERE "requesterId" = ${requesterId} AND "accountId" = ${accountId} AND "status" = 'PENDING'`);
  return existing;
}
