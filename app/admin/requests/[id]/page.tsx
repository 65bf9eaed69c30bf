import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getLocale, getNow, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { DecisionPanel } from "@/components/admin/decision-panel";
import { RequestHistory } from "@/components/admin/request-history";
import { Notice } from "@/components/ui/notice";
import { PageHeading } from "@/components/ui/page-heading";
import { StatusBadge } from "@/components/ui/status-badge";
import { card, linkText } from "@/components/ui/styles";
import { canDecide } from "@/lib/admin/authority";
import { getRequestForAdmin } from "@/lib/admin/request-detail";
import { requireSignedInPage } from "@/lib/auth/page-guard";
import { countryName } from "@/lib/profile/countries";
import { accessViewOfGranted, grantedScopeOfRow } from "@/lib/requests/granted-scope";
import { accessDescriber } from "@/lib/requests/scope-words";
import { virtualAccountTreeFor } from "@/lib/virtual-accounts/tree";
import { displayName } from "@/lib/people";
import { shortDate, shortDateTime } from "@/components/ui/date-formats";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.queue"))("title") };
}

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 sm:grid-cols-3">
      <dt className="font-medium text-slate-700">{label}</dt>
      <dd className="break-words text-slate-900 sm:col-span-2">{children}</dd>
    </div>
  );
}

export default async function AdminRequestPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const user = await requireSignedInPage(`/admin/requests/${id}`);
  const view = await getRequestForAdmin(user, id);
  if (!view) notFound();
  const [t, tMemberships, tRoles, tStatus, describe, format, now, locale] = await Promise.all([
    getTranslations("admin"),
    getTranslations("memberships.requests"),
    getTranslations("requests.roles"),
    getTranslations("requests.status"),
    accessDescriber(),
    getFormatter(),
    getNow(),
    getLocale(),
  ]);
  const { request, membership } = view;
  const grantedScope = grantedScopeOfRow(request);
  // The scope picker's tree, only while there is something to decide.
  const tree = view.canDecide ? await virtualAccountTreeFor(user, request.account.id) : null;
  const granted = membership?.grantedByRequestId === request.id ? membership : null;
  const name = displayName(request.requester);
  const date = (value: Date) => format.dateTime(value, shortDateTime);
  const missing = <span className="text-slate-600">{t("request.notProvided")}</span>;
  const decider = request.decidedBy ? displayName(request.decidedBy) : t("request.someone");

  const summary = (
    <div className="space-y-3">
      {request.status === "APPROVED" ? (
        <Notice tone="success">
          <p>
            {grantedScope?.scope === "virtualAccounts"
              ? t("decision.approvedByVirtualAccounts", {
                  name: decider,
                  date: date(request.decidedAt ?? request.createdAt),
                })
              : t("request.approvedBy", {
                  name: decider,
                  date: date(request.decidedAt ?? request.createdAt),
                  role: request.grantedRole ? tRoles(request.grantedRole) : "—",
                })}
          </p>
          {grantedScope?.scope === "virtualAccounts" ? (
            <ul className="ml-5 list-disc">
              {describe(accessViewOfGranted(grantedScope)).map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : null}
          {/* The access this approval gave, while it is still the one it granted. */}
          {granted?.active && granted.endsAt ? (
            <p>
              {tMemberships("accessEnds", { date: format.dateTime(granted.endsAt, shortDate) })}
            </p>
          ) : null}
          {granted && !granted.active && granted.endedAt ? (
            <p>
              {tMemberships("accessEnded", { date: format.dateTime(granted.endedAt, shortDate) })}
            </p>
          ) : null}
        </Notice>
      ) : null}
      {request.status === "DENIED" ? (
        <Notice tone="info">
          <p>
            {t("request.deniedBy", {
              name: decider,
              date: date(request.decidedAt ?? request.createdAt),
            })}
          </p>
          {request.decisionNote ? (
            <p>{t("request.deniedReason", { reason: request.decisionNote })}</p>
          ) : null}
        </Notice>
      ) : null}
      {request.status === "EXPIRED" ? (
        <Notice tone="info">
          {t("request.expiredOn", { date: date(request.decidedAt ?? request.expiresAt) })}
        </Notice>
      ) : null}
      {request.status === "WITHDRAWN" ? (
        <Notice tone="info">
          {t("request.withdrawnOn", { date: date(request.decidedAt ?? request.createdAt) })}
        </Notice>
      ) : null}
    </div>
  );

  return (
    <div className="space-y-6">
      <p>
        <Link href="/admin/requests" className={linkText}>
          {t("request.back")}
        </Link>
      </p>
      <PageHeading title={t("request.title", { name })}>
        <div className="flex flex-wrap items-center gap-2">
          <StatusBadge status={request.status} label={tStatus(request.status)} />
          <span>{request.account.name}</span>
        </div>
      </PageHeading>

      <div className="space-y-3">
        {request.escalatedAt ? (
          <Notice tone="info">
            {t("request.escalatedNotice", { date: date(request.escalatedAt) })}
          </Notice>
        ) : null}
        {view.onBehalfOfAccount && view.canDecide ? (
          <Notice tone="warning">
            {t("request.onBehalfNotice", { account: request.account.name })}
          </Notice>
        ) : null}
        {request.status === "PENDING" && membership?.active ? (
          <Notice tone="info">
            {view.membershipAccess
              ? t("decision.existingVirtualAccounts", {
                  name,
                  list: describe(view.membershipAccess).join("; "),
                })
              : t("request.existingMembership", { name, role: tRoles(membership.role) })}
          </Notice>
        ) : null}
        {request.status === "PENDING" && membership && !membership.active ? (
          <Notice tone="info">
            {view.membershipAccess
              ? t("decision.formerVirtualAccounts", {
                  name,
                  list: describe(view.membershipAccess).join("; "),
                })
              : t("request.formerMembership", { name, role: tRoles(membership.role) })}
          </Notice>
        ) : null}
      </div>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <section aria-labelledby="requester-title" className={`${card} space-y-3`}>
            <h2 id="requester-title" className="text-lg font-semibold">
              {t("request.requester")}
            </h2>
            <dl className="space-y-2 text-sm">
              <Field label={t("request.fields.name")}>{name}</Field>
              <Field label={t("request.fields.email")}>
                <a href={`mailto:${request.requester.email}`} className={linkText}>
                  {request.requester.email}
                </a>
              </Field>
              <Field label={t("request.fields.company")}>
                {request.requester.company ?? missing}
              </Field>
              <Field label={t("request.fields.jobTitle")}>
                {request.requester.jobTitle ?? missing}
              </Field>
              <Field label={t("request.fields.country")}>
                {request.requester.country
                  ? countryName(request.requester.country, locale)
                  : missing}
              </Field>
              <Field label={t("request.fields.phone")}>{request.requester.phone ?? missing}</Field>
            </dl>
          </section>
          <section aria-labelledby="request-title" className={`${card} space-y-3`}>
            <h2 id="request-title" className="text-lg font-semibold">
              {t("request.details")}
            </h2>
            <dl className="space-y-2 text-sm">
              <Field label={t("request.fields.account")}>{request.account.name}</Field>
              <Field label={t("request.fields.identifier")}>{request.domain}</Field>
              <Field label={t("request.fields.reason")}>
                <span className="whitespace-pre-line">{request.reason}</span>
              </Field>
              <Field label={t("request.fields.submitted")}>
                {t("request.submittedValue", {
                  date: date(request.createdAt),
                  age: format.relativeTime(request.createdAt, now),
                })}
              </Field>
              {request.status === "PENDING" ? (
                <Field label={t("request.fields.expires")}>{date(request.expiresAt)}</Field>
              ) : null}
              <Field label={t("request.fields.reminders")}>
                {request.reminderCount > 0 && request.lastRemindedAt
                  ? t("request.remindersValue", {
                      count: request.reminderCount,
                      date: date(request.lastRemindedAt),
                    })
                  : t("request.remindersNone")}
              </Field>
            </dl>
          </section>
          <div className={card}>
            <RequestHistory history={view.history} />
          </div>
        </div>
        <div>
          <div className={`${card} space-y-3 lg:sticky lg:top-4`}>
            {canDecide(user) ? (
              <DecisionPanel
                requestId={request.id}
                requesterName={name}
                tree={tree}
                pending={view.canDecide}
                summary={summary}
              />
            ) : (
              <>
                {request.status === "PENDING" ? null : summary}
                <Notice tone="info">{t("request.supportReadOnly")}</Notice>
              </>
            )}
          </div>
        </div>
      </div>
    </div>
  );
}
