import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { CaseActions } from "@/components/support/case-actions";
import { DetailList, Section } from "@/components/support/detail-list";
import { displayName } from "@/lib/people";
import { preciseDateTime, shortDateTime } from "@/components/ui/date-formats";
import { StatusBadge } from "@/components/ui/status-badge";
import { linkText } from "@/components/ui/styles";
import { requireSupportStaffPage } from "@/lib/support/access";
import { viewSupportCaseAsSupport } from "@/lib/support/support-cases";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("support.cases"))("metaTitle") };
}

export default async function SupportCasePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireSupportStaffPage(`/support/cases/${encodeURIComponent(id)}`);
  const supportCase = await viewSupportCaseAsSupport(viewer, id);
  if (!supportCase) notFound();
  const [t, tStatus, tMemberships, format] = await Promise.all([
    getTranslations("support"),
    getTranslations("requests.status"),
    getTranslations("memberships.history"),
    getFormatter(),
  ]);
  const date = (value: Date) => format.dateTime(value, shortDateTime);

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/support/cases" className={linkText}>
          {t("cases.back")}
        </Link>
      </p>
      <div>
        <h1 className="text-2xl font-semibold text-slate-900">
          {t("cases.caseTitle", { name: displayName(supportCase.openedBy) })}
        </h1>
        <p className="mt-2 text-sm text-slate-700">{t("request.viewRecorded")}</p>
      </div>
      <Section id="case" title={t("cases.details")}>
        <DetailList
          items={[
            [t("cases.statusColumn"), t(`cases.status.${supportCase.status}`)],
            [
              t("cases.openedBy"),
              `${displayName(supportCase.openedBy)} (${supportCase.openedBy.email})`,
            ],
            [t("cases.opened"), date(supportCase.createdAt)],
            [
              t("cases.closed"),
              supportCase.closedAt
                ? `${date(supportCase.closedAt)}${supportCase.closedBy ? ` · ${displayName(supportCase.closedBy)}` : ""}`
                : null,
            ],
            [
              t("cases.request"),
              supportCase.request ? (
                <span key="request" className="inline-flex flex-wrap items-center gap-2">
                  <Link
                    href={`/support/requests/${supportCase.request.id}`}
                    prefetch={false}
                    className={linkText}
                  >
                    {t("cases.requestLink", {
                      account: supportCase.request.account.name,
                      date: date(supportCase.request.createdAt),
                    })}
                  </Link>
                  <StatusBadge
                    status={supportCase.request.status}
                    label={tStatus(supportCase.request.status)}
                  />
                </span>
              ) : supportCase.account ? (
                tMemberships("caseAccount", { account: supportCase.account.name })
              ) : (
                t("cases.requestGone")
              ),
            ],
          ]}
        />
        <h3 className="mt-4 text-sm font-semibold text-slate-800">{t("cases.message")}</h3>
        <blockquote className="mt-1 whitespace-pre-wrap break-words border-l-4 border-slate-300 pl-3 text-slate-900">
          {supportCase.message}
        </blockquote>
      </Section>
      <Section id="notes" title={t("cases.notesTitle")}>
        {supportCase.notes.length === 0 ? (
          <p className="text-sm text-slate-700">{t("cases.noNotes")}</p>
        ) : (
          <ol className="space-y-3">
            {supportCase.notes.map((note) => (
              <li key={note.id} className="rounded border border-slate-200 p-3">
                <p className="text-sm text-slate-700">
                  {t("timeline.byAt", {
                    who: displayName(note.author),
                    when: format.dateTime(note.createdAt, preciseDateTime),
                  })}
                </p>
                <p className="mt-1 whitespace-pre-wrap break-words text-slate-900">{note.body}</p>
              </li>
            ))}
          </ol>
        )}
        <div className="mt-4">
          <CaseActions caseId={supportCase.id} open={supportCase.status === "OPEN"} />
        </div>
      </Section>
    </div>
  );
}
