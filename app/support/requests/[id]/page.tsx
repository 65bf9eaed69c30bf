import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { DetailList, Section } from "@/components/support/detail-list";
import { EmailStatusBadge } from "@/components/support/email-status-badge";
import { displayName } from "@/lib/people";
import { shortDateTime } from "@/components/ui/date-formats";
import { MembershipHistory } from "@/components/support/membership-history";
import { ProfileDetails } from "@/components/support/profile-details";
import { SupportCaseList } from "@/components/support/support-case-list";
import { Timeline } from "@/components/support/timeline";
import { Notice } from "@/components/ui/notice";
import { StatusBadge } from "@/components/ui/status-badge";
import { linkText } from "@/components/ui/styles";
import { membershipsAsSupport } from "@/lib/memberships/support-history";
import { accessViewOfGranted, grantedScopeOfRow } from "@/lib/requests/granted-scope";
import { accessDescriber } from "@/lib/requests/scope-words";
import { requireSupportStaffPage } from "@/lib/support/access";
import { viewRequestAsSupport } from "@/lib/support/request-details";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("support.request"))("metaTitle") };
}

export default async function SupportRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireSupportStaffPage(`/support/requests/${encodeURIComponent(id)}`);
  const view = await viewRequestAsSupport(viewer, id);
  if (!view) notFound();
  const { request, admins, timeline } = view;
  const membership = await membershipsAsSupport(viewer, {
    userId: request.requester.id,
    accountId: request.account.id,
  });
  const [t, tMemberships, tStatus, describe, format] = await Promise.all([
    getTranslations("support"),
    getTranslations("memberships.history"),
    getTranslations("requests.status"),
    accessDescriber(),
    getFormatter(),
  ]);
  // What the approval granted as it was then: the Smart Account role, or the virtual accounts (issue 27).
  const granted = grantedScopeOfRow(request);
  const grantedLines = granted ? describe(accessViewOfGranted(granted)) : [];
  const date = (value: Date | null) => (value ? format.dateTime(value, shortDateTime) : null);
  const emails = timeline.entries.filter((entry) => entry.kind === "email");
  // HELD only exists where no SMTP server is configured (the demo): shown only when there are some.
  const delivery = (["SENT", "QUEUED", "FAILED", "HELD"] as const)
    .map((status) => [status, emails.filter((email) => email.status === status).length] as const)
    .filter(([status, count]) => status !== "HELD" || count > 0);

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/support" className={linkText}>
          {t("request.back")}
        </Link>
      </p>
      <div>
        <h1 className="flex flex-wrap items-center gap-3 text-2xl font-semibold text-slate-900">
          <span>
            {t("request.title", {
              account: request.account.name,
              requester: displayName(request.requester),
            })}
          </span>
          <StatusBadge status={request.status} label={tStatus(request.status)} />
        </h1>
        <p className="mt-2 text-sm text-slate-700">{t("request.viewRecorded")}</p>
      </div>
      {request.escalatedAt && request.status === "PENDING" ? (
        <Notice tone="warning" title={t("request.escalatedTitle")}>
          <p>{t("request.escalatedBody", { date: date(request.escalatedAt)! })}</p>
          {/* The console stays read-only: a super administrator decides on the administrators' dashboard. */}
          {viewer.platformRole === "SUPERADMIN" ? (
            <p className="mt-2">
              <Link href={`/admin/requests/${request.id}`} className={linkText}>
                {t("request.decideAsSuperadmin")}
              </Link>
            </p>
          ) : null}
        </Notice>
      ) : null}

      <div className="grid gap-6 lg:grid-cols-2">
        <Section id="summary" title={t("request.summary")}>
          <DetailList
            items={[
              [
                t("request.id"),
                <code key="id" className="break-all">
                  {request.id}
                </code>,
              ],
              [t("request.status"), tStatus(request.status)],
              [t("request.identifier"), request.domain],
              [t("request.submitted"), date(request.createdAt)],
              [t("request.expires"), request.status === "PENDING" ? date(request.expiresAt) : null],
              [t("request.escalated"), date(request.escalatedAt)],
              [
                t("request.reminders"),
                request.reminderCount > 0
                  ? t("request.reminderCount", {
                      count: request.reminderCount,
                      date: date(request.lastRemindedAt) ?? "—",
                    })
                  : null,
              ],
              [t("request.decided"), date(request.decidedAt)],
              [
                t("request.decidedBy"),
                request.decidedBy
                  ? `${displayName(request.decidedBy)} (${request.decidedBy.email})`
                  : null,
              ],
              [
                t("request.grantedRole"),
                grantedLines.length > 0 ? (
                  <ul key="granted" className="space-y-1">
                    {grantedLines.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                ) : null,
              ],
              [t("request.decisionNote"), request.decisionNote],
            ]}
          />
          <h3 className="mt-4 text-sm font-semibold text-slate-800">{t("request.reason")}</h3>
          <blockquote className="mt-1 whitespace-pre-wrap break-words border-l-4 border-slate-300 pl-3 text-slate-900">
            {request.reason}
          </blockquote>
        </Section>

        <Section
          id="requester"
          title={t("request.requester")}
          aside={
            <Link
              href={`/support/users/${request.requester.id}`}
              prefetch={false}
              className={`${linkText} text-sm`}
            >
              {t("request.requesterPage")}
            </Link>
          }
        >
          <ProfileDetails user={request.requester} />
        </Section>
      </div>

      <Section id="account" title={t("request.account", { name: request.account.name })}>
        <DetailList
          items={[
            [t("request.accountStatus"), t(`request.accountStatuses.${request.account.status}`)],
            [
              t("request.identifiers"),
              request.account.domains.map((domain) => domain.domain).join(", "),
            ],
          ]}
        />
        <p className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">
          <Link
            href={`/admin/accounts/${encodeURIComponent(request.account.id)}/virtual-accounts`}
            prefetch={false}
            className={linkText}
          >
            {t("request.accountTree")}
          </Link>
          <Link
            href={`/insights?account=${encodeURIComponent(request.account.id)}`}
            prefetch={false}
            className={linkText}
          >
            {t("request.accountInsights")}
          </Link>
        </p>
        <h3 className="mt-4 text-sm font-semibold text-slate-800">{t("request.admins")}</h3>
        {admins.length === 0 || admins.every((admin) => !admin.active) ? (
          <p className="mt-1 text-sm font-medium text-amber-900">{t("request.noActiveAdmin")}</p>
        ) : null}
        {admins.length > 0 ? (
          <ul className="mt-2 divide-y divide-slate-200 rounded border border-slate-200">
            {admins.map((admin) => (
              <li
                key={admin.id}
                className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm"
              >
                <span>
                  <Link href={`/support/users/${admin.id}`} prefetch={false} className={linkText}>
                    {displayName(admin)}
                  </Link>
                  <span className="text-slate-700"> · {admin.email}</span>
                </span>
                <span
                  className={
                    admin.active ? "font-medium text-green-800" : "font-medium text-slate-700"
                  }
                >
                  {admin.active
                    ? t("request.adminActive")
                    : admin.disabledAt
                      ? t("request.adminDisabled")
                      : t("request.adminInactive")}
                </span>
              </li>
            ))}
          </ul>
        ) : null}
      </Section>

      <Section id="membership" title={tMemberships("title")}>
        <MembershipHistory
          memberships={membership}
          caption={tMemberships("caption", { name: displayName(request.requester) })}
        />
      </Section>

      <Section id="cases" title={t("request.cases")}>
        <SupportCaseList
          cases={request.supportCases}
          about={(supportCase) => (
            <span className="text-slate-700">
              {t("cases.notes", { count: supportCase._count.notes })}
            </span>
          )}
        />
      </Section>

      <Section
        id="timeline"
        title={t("timeline.title")}
        aside={
          <p className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
            <span>{t("timeline.delivery")}</span>
            {delivery.map(([status, count]) => (
              <EmailStatusBadge
                key={status}
                status={status}
                label={`${t(`timeline.emailStatus.${status}`)}: ${count}`}
              />
            ))}
          </p>
        }
      >
        <Timeline timeline={timeline} />
      </Section>
    </div>
  );
}
