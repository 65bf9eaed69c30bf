import type { Prisma } from "@/lib/generated/prisma/client";
import { enqueueEmail, enqueueEmails } from "@/lib/mail/outbox";
import type { EmailPayload, EmailTemplateName } from "@/lib/mail/templates";
import { displayName, localeOf } from "@/lib/people";
import { activeAdmins } from "@/lib/requests/recipients";
import { absoluteUrl } from "@/lib/urls";

/** Who a membership belongs to and where, as its emails need them. */
export const memberNoticeSelect = {
  id: true,
  accountId: true,
  grantedByRequestId: true,
  user: { select: { email: true, firstName: true, lastName: true, locale: true } },
  account: { select: { name: true } },
} as const satisfies Prisma.MembershipSelect;

export type MemberNotice = Prisma.MembershipGetPayload<{ select: typeof memberNoticeSelect }>;

export function loadMemberNotice(
  tx: Prisma.TransactionClient,
  membershipId: string,
): Promise<MemberNotice> {
  return tx.membership.findUniqueOrThrow({
    where: { id: membershipId },
    select: memberNoticeSelect,
  });
}

/** Where each email about a membership sends its reader. */
export const membershipLinks = {
  yourAccounts: () => absoluteUrl("/accounts"),
  requestAgain: () => absoluteUrl("/requests/new"),
  members: (accountId: string) =>
    absoluteUrl(`/admin/accounts/${encodeURIComponent(accountId)}/members`),
};

type Facts = "recipientName" | "memberName" | "accountName";

/**
 * Queues an email to the member about their membership, in their language, in the caller's
 * transaction. Filed under the request that granted the access, so support sees it on that
 * request's timeline with its delivery.
 */
export async function notifyMember<Name extends EmailTemplateName>(
  tx: Prisma.TransactionClient,
  notice: MemberNotice,
  template: Name,
  payload: Omit<EmailPayload<Name>, Facts>,
): Promise<void> {
  const name = displayName(notice.user);
  await enqueueEmail(tx, {
    to: notice.user.email,
    locale: localeOf(notice.user),
    template,
    requestId: notice.grantedByRequestId ?? undefined,
    payload: {
      ...payload,
      recipientName: name,
      memberName: name,
      accountName: notice.account.name,
    } as EmailPayload<Name>,
  });
}

/** Queues the seven-day notice to the member and to every other active administrator of the account. */
export async function notifyEndingSoon(
  tx: Prisma.TransactionClient,
  notice: MemberNotice,
  membership: { role: EmailPayload<"membership-ending-soon">["role"]; endsAt: Date },
) {
  const memberName = displayName(notice.user);
  const facts = {
    memberName,
    accountName: notice.account.name,
    role: membership.role,
    endsAt: membership.endsAt.toISOString(),
  };
  await notifyMember(tx, notice, "membership-ending-soon", {
    ...facts,
    audience: "member",
    url: membershipLinks.yourAccounts(),
  });
  const admins = (await activeAdmins(tx, notice.accountId)).filter(
    (admin) => admin.email !== notice.user.email,
  );
  await enqueueEmails(
    tx,
    admins.map((admin) => ({
      to: admin.email,
      locale: admin.locale,
      template: "membership-ending-soon" as const,
      requestId: notice.grantedByRequestId ?? undefined,
      payload: {
        ...facts,
        recipientName: admin.name,
        audience: "admin" as const,
        url: membershipLinks.members(notice.accountId),
      },
    })),
  );
}
