import type { SqlWriter } from "@/lib/db/client";
import { readActiveAdmins, readSupportStaff } from "@/lib/db/sql/recipients";
import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AppLocale } from "@/lib/i18n/config";
import { enqueueEmails, type OutgoingEmail } from "@/lib/mail/outbox";
import type { EmailTemplateName } from "@/lib/mail/templates";
import { displayName, localeOf } from "@/lib/people";

export interface Recipient {
  email: string;
  locale: AppLocale;
  name: string;
}

/** A recipient as a statement reads them. */
export interface PersonRow {
  email: string;
  locale: string | null;
  firstName: string | null;
  lastName: string | null;
}

export function recipientOf(person: PersonRow): Recipient {
  return { email: person.email, locale: localeOf(person), name: displayName(person) };
}

/**
 * The account's active administrators (lib/memberships/active-admin.ts). Their statement, and
 * activeAdminsJson for a statement reading them beside other facts: lib/db/sql/recipients.ts.
 */
export async function activeAdmins(
  tx: Prisma.TransactionClient,
  accountId: string,
  now: Date = new Date(),
): Promise<Recipient[]> {
  return (await readActiveAdmins(tx, accountId, now)).map(recipientOf);
}

/** Support staff, or the support address when no staff member has an account. */
export async function supportRecipients(tx: SqlWriter): Promise<Recipient[]> {
  const staff = await readSupportStaff(tx);
  if (staff.length === 0) return [{ email: env().SUPPORT_EMAIL, locale: "en", name: "Support" }];
  return staff.map(recipientOf);
}

/** One email, as queued for each of its recipients. */
export type EmailToEach<Name extends EmailTemplateName> = Omit<
  OutgoingEmail<Name>,
  "to" | "locale"
>;

/** Queues the same email to each recipient, in their language. */
export async function emailEach<Name extends EmailTemplateName>(
  tx: SqlWriter,
  recipients: readonly Pick<Recipient, "email" | "locale">[],
  email: EmailToEach<Name>,
): Promise<void> {
  await enqueueEmails(
    tx,
    recipients.map((recipient) => ({ ...email, to: recipient.email, locale: recipient.locale })),
  );
}

/** Queues the same email to every support staff member (or the support address). */
export async function emailSupport<Name extends EmailTemplateName>(
  tx: SqlWriter,
  email: EmailToEach<Name>,
): Promise<void> {
  await emailEach(tx, await supportRecipients(tx), email);
}
