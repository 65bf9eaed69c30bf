import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import type { AppLocale } from "@/lib/i18n/config";
import type { EmailPayload, EmailTemplateName } from "./templates";

type Writer = Prisma.TransactionClient | PrismaClient;

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
 * only if the change committed. The worker (./worker.ts) delivers it.
 */
export async function enqueueEmail<Name extends EmailTemplateName>(writer: Writer, email: OutgoingEmail<Name>) {
  return writer.emailMessage.create({ data: outboxRow(email), select: { id: true } });
}

/** Queues several emails in one statement (one per recipient of the same news); see enqueueEmail. */
export async function enqueueEmails<Name extends EmailTemplateName>(writer: Writer, emails: OutgoingEmail<Name>[]): Promise<void> {
  if (emails.length === 0) return;
  await writer.emailMessage.createMany({ data: emails.map(outboxRow) });
}

function outboxRow<Name extends EmailTemplateName>(email: OutgoingEmail<Name>) {
  return {
    to: email.to,
    template: email.template,
    locale: email.locale,
    payload: email.payload as Prisma.InputJsonValue,
    requestId: email.requestId ?? null,
  };
}
