import type { SqlWriter } from "@/lib/db/client";
import { env } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import type { AppLocale } from "@/lib/i18n/config";
import { enqueueEmails, type OutgoingEmail } from "@/lib/mail/outbox";
import type { EmailTemplateName } from "@/lib/mail/templates";
import { isActiveAdminSql } from "@/lib/memberships/active-admin";
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

/**
 * The account's active administrators (lib/memberships/active-admin.ts) as one JSON array of
 * PersonRow ordered by email, for a statement that reads them beside other facts.
 */
export function activeAdminsJson(accountId: Prisma.Sql, now: Date = new Date()): Prisma.Sql {
  return Prisma.sql`(
    SELECT coalesce(json_agg(json_build_object('email', u."email", 'locale', u."locale", 'firstName', u."firstName", 'lastName', u."lastName") ORDER BY u."email"), '[]'::json)
      FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
     WHERE m."accountId" = ${accountId} AND ${isActiveAdminSql("m", "u", now)})`;
}

export function recipientOf(person: PersonRow): Recipient {
  return { email: person.email, locale: localeOf(person), name: displayName(person) };
}

/** The account's active administrators (lib/memberships/active-admin.ts). */
export async function activeAdmins(
  tx: Prisma.TransactionClient,
  accountId: string,
  now: Date = new Date(),
): Promise<Recipient[]> {
  const [row] = await tx.$queryRaw<
    { admins: PersonRow[] }[]
  >`SELECT ${activeAdminsJson(Prisma.sql`${accountId}`, now)} AS "admins"`;
  return row!.admins.map(recipientOf);
}

/** Support staff, or the support address when no staff member has an account. */
export async function supportRecipients(tx: SqlWriter): Promise<Recipient[]> {
  const staff = await tx.$queryRaw<PersonRow[]>(Prisma.sql`
    SELECT "email", "locale"::text AS "locale", "firstName", "lastName" FROM "User"
     WHERE "disabledAt" IS NULL AND "platformRole" IN ('SUPPORT', 'SUPERADMIN')
     ORDER BY "email"`);
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
