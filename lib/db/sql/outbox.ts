import type { SqlWriter } from "@/lib/db/client";
import { Prisma, type PrismaClient } from "@/lib/generated/prisma/client";
import type { OutgoingEmail } from "@/lib/mail/outbox";
import type { EmailTemplateName } from "@/lib/mail/templates";
import { uuidv7 } from "@/lib/uuidv7";

/*
 * The email outbox (lib/mail/outbox.ts, lib/mail/worker.ts). SQL for two reasons: the queueing
 * insert is part of the submit's one statement (a data-modifying WITH, docs/benchmarks-history.md)
 * and of sqlTransaction's writers; the worker's claim needs a row lock Prisma cannot ask for
 * (FOR UPDATE SKIP LOCKED), and its updates follow the claim's token and the database's clock
 * (now()), as the claim does.
 */

/**
 * The one statement that queues emails, for a change that writes its other rows in the same
 * statement (a data-modifying WITH): `onlyIf` is a condition on that statement's other parts (for
 * a submit: that its INSERT of the request did insert). Rows are what Prisma would write: a
 * UUIDv7 id, created and due now.
 */
export function outboxInsert(
  emails: OutgoingEmail<EmailTemplateName>[],
  onlyIf: Prisma.Sql = Prisma.sql`true`,
): Prisma.Sql {
  const now = new Date();
  const rows = emails.map(
    (
      email,
    ) => Prisma.sql`(${uuidv7()}::text, ${email.to}::text, ${email.template}::text, ${email.locale}::"Locale",
      ${JSON.stringify(email.payload)}::jsonb, ${email.requestId ?? null}::text, ${now}::timestamp(3), ${now}::timestamp(3))`,
  );
  return Prisma.sql`
    INSERT INTO "EmailMessage" ("id", "to", "template", "locale", "payload", "requestId", "createdAt", "nextAttemptAt")
    SELECT * FROM (VALUES ${Prisma.join(rows)}) AS email WHERE ${onlyIf}
    RETURNING "id"`;
}

/** Runs outboxInsert in the writer's transaction: the queued emails' ids, in order. */
export function insertEmails(
  writer: SqlWriter,
  emails: OutgoingEmail<EmailTemplateName>[],
): Promise<{ id: string }[]> {
  return writer.$queryRaw<{ id: string }[]>(outboxInsert(emails));
}

/** Runs outboxInsert in the writer's transaction, reading nothing back. */
export async function insertEmailsQuietly(
  writer: SqlWriter,
  emails: OutgoingEmail<EmailTemplateName>[],
): Promise<void> {
  await writer.$executeRaw(outboxInsert(emails));
}

/** A message as the worker claims it. */
export interface ClaimedMessage {
  id: string;
  to: string;
  template: string;
  locale: string;
  payload: unknown;
  attempts: number;
}

/**
 * Claims due messages with FOR UPDATE SKIP LOCKED, pushes their next attempt past a lease and marks
 * them with the claim's token, so that several workers (several app instances) never pick the same
 * message at once, and a worker whose claim was taken over records nothing.
 */
export function claimDueEmails(
  db: PrismaClient,
  token: string,
  leaseMs: number,
  batchSize: number,
): Promise<ClaimedMessage[]> {
  return db.$queryRaw<ClaimedMessage[]>`
    UPDATE "EmailMessage"
       SET "nextAttemptAt" = now() + make_interval(secs => ${leaseMs / 1000}::float8),
           "attempts" = "attempts" + 1,
           "claimToken" = ${token}
     WHERE "id" IN (
       SELECT "id" FROM "EmailMessage"
        WHERE "status" = 'QUEUED' AND "nextAttemptAt" <= now()
        ORDER BY "nextAttemptAt"
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED)
    RETURNING "id", "to", "template", "locale"::text AS "locale", "payload", "attempts"`;
}

/** Pushes the lease of the claim's messages still QUEUED forward again (lib/mail/worker.ts says why). */
export async function renewEmailLease(
  db: PrismaClient,
  token: string,
  leaseMs: number,
): Promise<void> {
  await db.$executeRaw`
    UPDATE "EmailMessage" SET "nextAttemptAt" = now() + make_interval(secs => ${leaseMs / 1000}::float8)
     WHERE "claimToken" = ${token} AND "status" = 'QUEUED'`;
}

/**
 * Marks the claim's messages `ids` SENT in one statement, emptying the payload of those whose
 * template is one of `credentialTemplates`; only rows still under the claim change. The number
 * marked.
 */
export function markEmailsSent(
  db: PrismaClient,
  token: string,
  ids: string[],
  credentialTemplates: string[],
): Promise<number> {
  return db.$executeRaw`
    UPDATE "EmailMessage"
       SET "status" = 'SENT', "sentAt" = now(), "lastError" = NULL, "claimToken" = NULL,
           "payload" = CASE WHEN "template" = ANY(${credentialTemplates}::text[]) THEN NULL ELSE "payload" END
     WHERE "id" = ANY(${ids}::text[]) AND "claimToken" = ${token} AND "status" = 'QUEUED'`;
}

/** Marks every due message HELD (no SMTP server, the demo); the number held. */
export function holdDueEmails(db: PrismaClient): Promise<number> {
  return db.$executeRaw`
    UPDATE "EmailMessage" SET "status" = 'HELD' WHERE "status" = 'QUEUED' AND "nextAttemptAt" <= now()`;
}
