import { uuidv7 } from "@/lib/uuidv7";
import type { SqlWriter } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AppLocale } from "@/lib/i18n/config";
import type { EmailPayload, EmailTemplateName } from "./templates";

export interface OutgoingEmail<Name extends EmailTemplateName> {
  to: string;
  template: Name;
  locale: AppLocale;
  payload: EmailPayload<Name>;
  /** The access request the email concerns, for its timeline. */
  requestId?: string;
}

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

/**
 * Queues an email. Pass the transaction of the change that causes it: the email then exists if and
 * only if the change committed. The worker (./worker.ts) delivers it.
 */
export async function enqueueEmail<Name extends EmailTemplateName>(
  writer: SqlWriter,
  email: OutgoingEmail<Name>,
): Promise<{ id: string }> {
  const [row] = await writer.$queryRaw<{ id: string }[]>(outboxInsert([email]));
  return row!;
}

/** Queues several emails in one statement (one per recipient of the same news); see enqueueEmail. */
export async function enqueueEmails<Name extends EmailTemplateName>(
  writer: SqlWriter,
  emails: OutgoingEmail<Name>[],
): Promise<void> {
  if (emails.length === 0) return;
  await writer.$executeRaw(outboxInsert(emails));
}
