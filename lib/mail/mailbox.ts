import { db } from "@/lib/db/client";
import type { EmailStatus } from "@/lib/generated/prisma/enums";
import { renderStoredEmail, storedEmailSelect, type RenderedEmail } from "./render";

export const MAILBOX_PAGE_SIZE = 50;

export interface MailboxEntry {
  id: string;
  to: string;
  subject: string | null;
  /** The payload is gone (a sign-in link once sent, or past retention): nothing left to show. */
  contentRemoved: boolean;
  status: EmailStatus;
  createdAt: Date;
}

/** The newest messages of the outbox, for the dev mailbox page. */
export async function listMailbox(): Promise<MailboxEntry[]> {
  const messages = await db.emailMessage.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: MAILBOX_PAGE_SIZE,
    select: { ...storedEmailSelect, createdAt: true },
  });
  return Promise.all(
    messages.map(async (message) => ({
      id: message.id,
      to: message.to,
      status: message.status,
      createdAt: message.createdAt,
      subject: (await renderStoredEmail(message))?.subject ?? null,
      contentRemoved: message.payload === null,
    })),
  );
}

/** One message rendered as the recipient sees it, or null when there is no such message. */
export async function mailboxMessage(id: string): Promise<RenderedEmail | "unrenderable" | null> {
  const message = await db.emailMessage.findUnique({
    where: { id },
    select: { template: true, locale: true, payload: true },
  });
  if (!message) return null;
  return (await renderStoredEmail(message)) ?? "unrenderable";
}
