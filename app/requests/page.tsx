import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getNow, getTranslations } from "next-intl/server";
import { RequestActions } from "@/components/requests/request-actions";
import { PageHeading } from "@/components/ui/page-heading";
import { numberedPageLinks, Pagination } from "@/components/ui/pagination";
import { StatusBadge } from "@/components/ui/status-badge";
import { buttonPrimary, card, linkText } from "@/components/ui/styles";
import { requireSignedInPage } from "@/lib/auth/page-guard";
import { accessViewOfGranted } from "@/lib/requests/granted-scope";
import { listMyRequests } from "@/lib/requests/list-my-requests";
import { readRequestReceipts } from "@/lib/requests/receipt";
import { RequestReceipt } from "@/components/requests/request-receipt";
import { accessDescriber } from "@/lib/requests/scope-words";
import { displayName } from "@/lib/people";
import { shortDate, shortDateTime } from "@/components/ui/date-formats";
import { pageNumber } from "@/lib/pagination/page-number";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("requests.list"))("title") };
}

export default async function MyRequestsPage({
  searchParams,
}: {
  searchParams: Promise<{ page?: string }>;
}) {
  const user = await requireSignedInPage("/requests");
  const [t, tMemberships, describe, format, now, { page }] = await Promise.all([
    getTranslations("requests"),
    getTranslations("memberships"),
    accessDescriber(),
    getFormatter(),
    getNow(),
    searchParams,
  ]);
  const list = await listMyRequests(user.id, pageNumber(page));
  const receipts = await readRequestReceipts(
    user.id,
    list.requests.map((request) => request.id),
  );
  const date = (value: Date) => format.dateTime(value, shortDateTime);

  return (
    <div className="space-y-6">
      <PageHeading title={t("list.title")}>
        <p>{t("list.intro")}</p>
        <p className="mt-2">
          <Link href="/accounts" className={linkText}>
            {tMemberships("accounts.yourAccountsLink")}
          </Link>
        </p>
      </PageHeading>
      {list.total === 0 ? (
        <div className={`${card} space-y-4 text-center`}>
          <p className="text-slate-700">{t("list.empty")}</p>
          <Link href="/requests/new" className={buttonPrimary}>
            {t("list.emptyAction")}
          </Link>
        </div>
      ) : (
        <>
          <Link href="/requests/new" className={buttonPrimary}>
            {t("list.newRequest")}
          </Link>
          <ul className="space-y-4">
            {list.requests.map((request) => (
              <li key={request.id} className={card} aria-labelledby={`request-${request.id}`}>
                <div className="flex flex-wrap items-start justify-between gap-3">
                  <div>
                    <h2 id={`request-${request.id}`} className="text-lg font-semibold">
                      {request.account.name}
                    </h2>
                    <p className="text-sm text-slate-700">
                      {t("list.identifier")}: {request.domain}
                    </p>
                  </div>
                  <StatusBadge status={request.status} label={t(`status.${request.status}`)} />
                </div>
                <div className="mt-3 space-y-1 text-sm text-slate-800">
                  <p className="italic">
                    <span className="sr-only">{t("list.reasonLabel")}: </span>“{request.reason}”
                  </p>
                  <p>
                    {t("list.submitted", {
                      date: date(request.createdAt),
                      age: format.relativeTime(request.createdAt, now),
                    })}
                  </p>
                  {request.status === "PENDING" ? (
                    <p>{t("list.expires", { date: date(request.expiresAt) })}</p>
                  ) : null}
                  {request.decidedAt &&
                  (request.status === "APPROVED" || request.status === "DENIED") ? (
                    <p>
                      {t("list.decided", { date: date(request.decidedAt) })}
                      {request.decidedBy
                        ? ` ${t("list.decidedBy", { name: displayName(request.decidedBy) })}`
                        : ""}
                    </p>
                  ) : null}
                  {request.granted?.scope === "account" && request.granted.role ? (
                    <p>{t("list.grantedRole", { role: t(`roles.${request.granted.role}`) })}</p>
                  ) : null}
                  {request.granted?.scope === "virtualAccounts" ? (
                    <div>
                      <p>{t("list.grantedScope")}</p>
                      <ul className="ml-5 list-disc">
                        {describe(accessViewOfGranted(request.granted)).map((line) => (
                          <li key={line}>{line}</li>
                        ))}
                      </ul>
                    </div>
                  ) : null}
                  {request.grantedMembership?.active && request.grantedMembership.endsAt ? (
                    <p className="font-medium">
                      {tMemberships("requests.accessEnds", {
                        date: format.dateTime(request.grantedMembership.endsAt, shortDate),
                      })}
                    </p>
                  ) : null}
                  {request.grantedMembership &&
                  !request.grantedMembership.active &&
                  request.grantedMembership.endedAt ? (
                    <p className="font-medium">
                      {tMemberships("requests.accessEnded", {
                        date: format.dateTime(request.grantedMembership.endedAt, shortDate),
                      })}
                    </p>
                  ) : null}
                  {request.status === "DENIED" && request.decisionNote ? (
                    <p>{t("list.denialReason", { reason: request.decisionNote })}</p>
                  ) : null}
                  {request.escalatedAt ? (
                    <p>{t("list.escalated", { date: date(request.escalatedAt) })}</p>
                  ) : null}
                  {request.lastRemindedAt ? (
                    <p>{t("list.lastReminder", { date: date(request.lastRemindedAt) })}</p>
                  ) : null}
                  {request.nextReminderAt && request.nextReminderAt > now ? (
                    <p>{t("list.nextReminder", { date: date(request.nextReminderAt) })}</p>
                  ) : null}
                  {request.supportCases > 0 ? (
                    <p>{t("list.supportCases", { count: request.supportCases })}</p>
                  ) : null}
                </div>
                <div className="mt-3 border-t border-slate-200 pt-3">
                  <RequestReceipt
                    requestId={request.id}
                    initial={receipts.get(request.id) ?? null}
                  />
                </div>
                <div className="mt-4">
                  <RequestActions
                    requestId={request.id}
                    accountName={request.account.name}
                    pending={request.status === "PENDING"}
                    canRemind={!request.nextReminderAt || request.nextReminderAt <= now}
                  />
                </div>
              </li>
            ))}
          </ul>
          <Pagination
            label={t("list.pagination")}
            {...numberedPageLinks(
              list.page,
              list.pageCount,
              (target) => `/requests?page=${target}`,
              { previous: t("list.previous"), next: t("list.next") },
            )}
            position={t("list.pageOf", { page: list.page, pageCount: list.pageCount })}
          />
        </>
      )}
    </div>
  );
}
