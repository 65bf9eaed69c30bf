import type { SqlWriter } from "@/lib/db/client";
import { insertEmails, insertEmailsQuietly } from "@/lib/db/sql/outbox";
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
 * Queues an email. Pass the transaction of the change that causes it: the email then exists if and
 * only if the change committed. The worker (./worker.ts) delivers it. The statement (outboxInsert,
 * which a change writing its rows in one statement uses itself): lib/db/sql/outbox.ts.
 */
export async function enqueueEmail<Name extends EmailTemplateName>(
  writer: SqlWriter,
  email: OutgoingEmail<Name>,
): Promise<{ id: string }> {
  const [row] = await insertEmails(writer, [email]);
  return row!;
}

/** Queues several emails in one statement (one per recipient of the same news); see enqueueEmail. */
export async function enqueueEmails<Name extends EmailTemplateName>(
  writer: SqlWriter,
  emails: OutgoingEmail<Name>[],
): Promise<void> {
  if (emails.length === 0) return;
  await insertEmailsQuietly(writer, emails);
}
