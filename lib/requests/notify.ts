import type { SqlWriter } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueEmail, enqueueEmails, type OutgoingEmail } from "@/lib/mail/outbox";
import type { EmailPayload, EmailTemplateName } from "@/lib/mail/templates";
import { displayName, localeOf } from "@/lib/people";
import { absoluteUrl } from "@/lib/urls";
import type { GrantedScope } from "./granted-scope";
import { activeAdmins, emailSupport, type EmailToEach, type Recipient } from "./recipients";

export interface RequestForNotice {
  id: string;
  domain: string;
  reason: string;
  createdAt: Date;
  requester: {
    email: string;
    firstName: string | null;
    lastName: string | null;
    company: string | null;
  };
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

/** The emails telling administrators of a request (or of the requester's reminder), in their languages. */
export function adminNotices(
  request: RequestForNotice,
  admins: Recipient[],
  reminder: boolean,
): OutgoingEmail<"request-to-admins">[] {
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
  return admins.map((admin) => ({
    to: admin.email,
    template: "request-to-admins",
    locale: admin.locale,
    requestId: request.id,
    payload,
  }));
}

/**
 * Queues the request (or the requester's reminder) to every active administrator of the account.
 * Returns how many were notified; with none, the caller escalates.
 */
export async function notifyAdmins(
  tx: Prisma.TransactionClient,
  request: RequestForNotice,
  reminder: boolean,
): Promise<number> {
  const admins = await activeAdmins(tx, request.account.id);
  await enqueueEmails(tx, adminNotices(request, admins, reminder));
  return admins.length;
}

/** Queues an email about the request to every support staff member, in their language. */
export async function notifySupport(
  tx: SqlWriter,
  request: Pick<RequestForNotice, "id" | "domain" | "requester" | "account">,
  email:
    | {
        template: "request-escalated";
        extra: { cause: "noActiveAdmin" | "pendingTooLong"; days: number };
      }
    | { template: "support-case-opened"; extra: { message: string } },
): Promise<void> {
  const facts = {
    requesterName: displayName(request.requester),
    requesterEmail: request.requester.email,
    accountName: request.account.name,
    domain: request.domain,
    url: absoluteUrl(`/support/requests/${request.id}`),
  };
  // The union above ties each template to its payload; TypeScript cannot follow it through the spread.
  await emailSupport(tx, {
    requestId: request.id,
    template: email.template,
    payload: { ...facts, ...email.extra },
  } as EmailToEach<typeof email.template>);
}

/** What the requester's emails need of a request. */
export const requesterNoticeSelect = {
  id: true,
  domain: true,
  requester: { select: { email: true, firstName: true, lastName: true, locale: true } },
  account: { select: { name: true } },
} as const;

export type RequestForRequester = Prisma.AccessRequestGetPayload<{
  select: typeof requesterNoticeSelect;
}>;

/** Who decided, as the requester's email names them. */
export interface DecidedBy {
  deciderName: string;
  /** A super administrator decided for an account they do not administer. */
  onBehalfOfAccount: boolean;
}

/** How a request ended, as the requester is told. */
export type RequestOutcome =
  | { outcome: "approved"; granted: GrantedScope; endsAt: Date | null; decidedBy: DecidedBy }
  | { outcome: "denied"; reason: string | null; decidedBy: DecidedBy }
  | { outcome: "expired"; days: number };

/**
 * Queues the email telling the requester how their request ended, in their language. An approval
 * links to their requests, where the account now shows; a denial or an expiry to asking again.
 */
export async function notifyRequester(
  tx: Prisma.TransactionClient,
  request: RequestForRequester,
  ending: RequestOutcome,
): Promise<void> {
  const send = <Name extends EmailTemplateName>(template: Name, payload: EmailPayload<Name>) =>
    enqueueEmail(tx, {
      to: request.requester.email,
      locale: localeOf(request.requester),
      requestId: request.id,
      template,
      payload,
    });
  const facts = {
    requesterName: displayName(request.requester),
    accountName: request.account.name,
    domain: request.domain,
  };
  switch (ending.outcome) {
    case "approved":
      await send("request-approved", {
        ...facts,
        ...ending.decidedBy,
        role: ending.granted.role,
        scope: ending.granted,
        endsAt: ending.endsAt?.toISOString() ?? null,
        url: absoluteUrl("/requests"),
      });
      return;
    case "denied":
      await send("request-denied", {
        ...facts,
        ...ending.decidedBy,
        reason: ending.reason,
        url: absoluteUrl("/requests/new"),
      });
      return;
    case "expired":
      await send("request-expired", {
        ...facts,
        days: ending.days,
        url: absoluteUrl("/requests/new"),
      });
  }
}
