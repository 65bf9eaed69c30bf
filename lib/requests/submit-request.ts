import { randomUUID } from "node:crypto";
import { defineSqlMutation } from "@/lib/actions/mutation";
import { normalizeDomain } from "@/lib/accounts/domain";
import { hasIdentifier } from "@/lib/db/sql/lookup";
import { auditInsert } from "@/lib/db/sql/audit";
import type { SqlWriter } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { outboxInsert } from "@/lib/db/sql/outbox";
import { missingProfileFields, type ProfileField } from "@/lib/profile/schema";
import { spendInStatement } from "@/lib/db/sql/rate-limit";
import { assertWithinLimit, type SpentPoint } from "@/lib/rate-limit";
import { escalateIfNeeded } from "./escalation";
import { adminNotices, type RequestForNotice } from "./notify";
import { activeAdminsJson } from "@/lib/db/sql/recipients";
import { recipientOf, type PersonRow } from "./recipients";
import { submitRequestSchema } from "./schema";
import { addDays } from "@/lib/time";
import { requestEventInsert } from "@/lib/db/sql/webhooks";

const sql = Prisma.sql;

export type SubmitRequestResult =
  | { outcome: "created"; requestId: string; accountName: string; noActiveAdmin: boolean }
  | { outcome: "alreadyPending"; requestId: string; accountName: string; createdAt: Date }
  | { outcome: "alreadyMember"; accountName: string; role: string };

/** What a submit checks, read in one statement: the requester, the account and the requester's access to it, its administrators. */
interface SubmitFacts extends Record<ProfileField, string | null> {
  accountId: string | null;
  accountName: string | null;
  /** The requester's role in the account, when they are an active member. */
  memberRole: string | null;
  admins: PersonRow[];
}

function readSubmitFacts(tx: SqlWriter, requesterId: string, accountId: string, domain: string) {
  return tx.$queryRaw<SubmitFacts[]>(sql`
    SELECT u."firstName", u."lastName", u."email", u."company", u."jobTitle", u."country", u."phone",
           a."id" AS "accountId", a."name" AS "accountName", m."role"::text AS "memberRole",
           ${activeAdminsJson(Prisma.sql`a."id"`)} AS "admins"
      FROM "User" u
      LEFT JOIN "Account" a ON a."id" = ${accountId} AND a."status" = 'ACTIVE'
       AND ${hasIdentifier(Prisma.sql`a`, domain)}
      LEFT JOIN "Membership" m ON m."userId" = u."id" AND m."accountId" = a."id" AND m."active"
     WHERE u."id" = ${requesterId}`);
}

/**
 * A requester asks for access to an account found by its identifier. The database refuses a second
 * PENDING request for the same requester and account (partial unique index), so concurrent
 * submits create one request and the others are shown it.
 *
 * Two statements do the work: one reads every fact the rules need, one writes the request with its
 * audit event, its administrators' emails and its webhook deliveries (a data-modifying WITH, each
 * part guarded by the request's INSERT having inserted). Raw statements only, so that it runs in a
 * plain pg transaction (defineSqlMutation): every requester runs it.
 */
export const submitRequest = defineSqlMutation({
  name: "request.submit",
  input: submitRequestSchema,
  async run({ actor, input, tx }): Promise<SubmitRequestResult> {
    const domain = normalizeDomain(input.domain);
    const [facts] = await readSubmitFacts(
      tx,
      actor.id,
      input.accountId,
      domain.ok ? domain.domain : "",
    );
    if (!facts) throw new AppError("UNAUTHENTICATED", "No such user");
    const missing = missingProfileFields(facts);
    if (missing.length) {
      throw new AppError("VALIDATION", "Profile incomplete", {
        fieldErrors: { _form: "profileIncomplete" },
        missing,
      });
    }
    if (!domain.ok || !facts.accountId || !facts.accountName)
      throw new AppError("NOT_FOUND", "No such account for this identifier");
    const account = { id: facts.accountId, name: facts.accountName };
    if (facts.memberRole)
      return { outcome: "alreadyMember", accountName: account.name, role: facts.memberRole };

    const requestId = randomUUID();
    const requester = {
      email: facts.email!,
      firstName: facts.firstName,
      lastName: facts.lastName,
      company: facts.company,
    };
    const notice: RequestForNotice = {
      id: requestId,
      domain: domain.domain,
      reason: input.reason,
      createdAt: new Date(),
      requester,
      account,
    };
    const inserted = sql`EXISTS (SELECT 1 FROM submitted)`;
    const parts = [
      // Counted only when a request is made (it emails every administrator): showing the pending
      // request again costs nothing, and a refusal rolls the request and its point back.
      spendInStatement("submitRequest", actor.id, Date.now(), inserted),
      sql`audit AS (${auditInsert(
        [
          {
            actorId: actor.id,
            action: "request.submitted",
            subjectType: "AccessRequest",
            subjectId: requestId,
            after: {
              status: "PENDING",
              accountId: account.id,
              domain: domain.domain,
              reason: input.reason,
            },
          },
        ],
        inserted,
      )})`,
      sql`webhooks AS (${requestEventInsert("request.created", requestId, sql`submitted`)})`,
    ];
    if (facts.admins.length)
      parts.push(
        sql`emails AS (${outboxInsert(adminNotices(notice, facts.admins.map(recipientOf), false), inserted)})`,
      );
    const expiresAt = addDays(new Date(), env().ACCESS_REQUEST_TTL_DAYS);
    // ON CONFLICT waits for a concurrent insert of the same pair to commit, then does nothing.
    const [created] = await tx.$queryRaw<({ createdAt: Date } & SpentPoint)[]>(sql`
      WITH submitted AS (
        INSERT INTO "AccessRequest" ("id", "requesterId", "accountId", "domain", "reason", "expiresAt", "updatedAt")
        VALUES (${requestId}, ${actor.id}, ${account.id}, ${domain.domain}, ${input.reason}, ${expiresAt}, now())
        ON CONFLICT ("requesterId", "accountId") WHERE status = 'PENDING' DO NOTHING
        RETURNING *
      ), ${Prisma.join(parts)}
      SELECT submitted."createdAt", spent."points", spent."expire" FROM submitted, spent`);
    if (!created) {
      const [existing] = await tx.$queryRaw<{ id: string; createdAt: Date }[]>(sql`
        SELECT "id", "createdAt" FROM "AccessRequest"
         WHERE "requesterId" = ${actor.id} AND "accountId" = ${account.id} AND "status" = 'PENDING'`);
      // The conflicting request was withdrawn, decided or expired between the two statements.
      if (!existing) throw new Error("The pending request this submit conflicted with is gone");
      return {
        outcome: "alreadyPending",
        requestId: existing.id,
        accountName: account.name,
        createdAt: existing.createdAt,
      };
    }
    assertWithinLimit("submitRequest", created);
    const noActiveAdmin = facts.admins.length === 0;
    if (noActiveAdmin)
      await escalateIfNeeded(
        tx,
        { ...notice, createdAt: created.createdAt },
        { hasActiveAdmin: false },
      );
    return { outcome: "created", requestId, accountName: account.name, noActiveAdmin };
  },
});
