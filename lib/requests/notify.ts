import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueEmails } from "@/lib/mail/outbox";
import { displayName } from "@/lib/people";
import { daysBetween } from "@/lib/time";
import { absoluteUrl } from "@/lib/urls";
import { activeAdmins, supportRecipients } from "./recipients";

export interface RequestForNotice {
  id: string;
  domain: string;
  reason: string;
  createdAt: Date;
  requester: { email: string; firstName: string | null; lastName: string | null; company: string | null };
  account: { id: string; name: string };
}

export const requestNoticeSelect = {
  id: true,
  domain: true,
  reason: true,
  createdAt: true,
  requester: { select: { email: true, firstName: true, lastName: true, company: true } },
  account: { select: { id: true, name: true } },
} as const;

/**
 * Queues the request (or the requester's reminder) to every active administrator of the account.
 * Returns how many were notified; with none, the caller escalates.
 */
export async function notifyAdmins(tx: Prisma.TransactionClient, request: RequestForNotice, reminder: boolean): Promise<number> {
  const admins = await activeAdmins(tx, request.account.id);
  const payload = {
    requesterName: displayName(request.requester),
    requesterEmail: request.requester.email,
    company: request.requester.company ?? "",
    accountName: request.account.name,
    domain: request.domain,
    reason: request.reason,
    url: absoluteUrl(`/admin/requests/${request.id}`),
    reminder,
  };
  await enqueueEmails(
    tx,
    admins.map((admin) => ({ to: admin.email, template: "request-to-admins" as const, locale: admin.locale, requestId: request.id, payload })),
  );
  return admins.length;
}

/** Queues an email about the request to every support staff member, in their language. */
export async function notifySupport(
  tx: Prisma.TransactionClient,
  request: Pick<RequestForNotice, "id" | "domain" | "requester" | "account">,
  email: { template: "request-escalated"; extra: { cause: "noActiveAdmin" | "pendingTooLong"; days: number } } | { template: "support-case-opened"; extra: { message: string } },
): Promise<void> {
  const facts = {
    requesterName: displayName(request.requester),
    requesterEmail: request.requester.email,
    accountName: request.account.name,
    domain: request.domain,
    url: absoluteUrl(`/support/requests/${request.id}`),
  };
  const recipients = await supportRecipients(tx);
  // The union above ties each template to its payload; TypeScript cannot follow it through the spread.
  await enqueueEmails(
    tx,
    recipients.map((recipient) => ({
      to: recipient.email,
      locale: recipient.locale,
      requestId: request.id,
      template: email.template,
      payload: { ...facts, ...email.extra },
    })) as Parameters<typeof enqueueEmails<typeof email.template>>[1],
  );
}

/** Queues an escalation of the request to support staff. */
export async function notifySupportOfEscalation(
  tx: Prisma.TransactionClient,
  request: RequestForNotice,
  cause: "noActiveAdmin" | "pendingTooLong",
  now = new Date(),
): Promise<void> {
  const days = daysBetween(request.createdAt, now);
  await notifySupport(tx, request, { template: "request-escalated", extra: { cause, days } });
}
