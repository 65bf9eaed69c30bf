import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { consoleCell as td, consoleColumns, consoleRows } from "@/components/support/console-table";
import { Section } from "@/components/support/detail-list";
import { DataTable } from "@/components/ui/data-table";
import { displayName } from "@/lib/people";
import { shortDateTime } from "@/components/ui/date-formats";
import { MembershipHistory } from "@/components/support/membership-history";
import { ProfileDetails } from "@/components/support/profile-details";
import { SupportCaseList } from "@/components/support/support-case-list";
import { PageHeading } from "@/components/ui/page-heading";
import { StatusBadge } from "@/components/ui/status-badge";
import { linkText } from "@/components/ui/styles";
import { membershipsAsSupport } from "@/lib/memberships/support-history";
import { requireSupportStaffPage } from "@/lib/support/access";
import { searchQuery } from "@/lib/support/search-params";
import { USER_REQUESTS_LIMIT, viewUserAsSupport } from "@/lib/support/user-details";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("support.user"))("metaTitle") };
}

export default async function SupportUserPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireSupportStaffPage(`/support/users/${encodeURIComponent(id)}`);
  const view = await viewUserAsSupport(viewer, id);
  if (!view) notFound();
  const memberships = await membershipsAsSupport(viewer, { userId: view.user.id });
  const { user, requests, moreRequests, supportCases } = view;
  const [t, tStatus, format] = await Promise.all([
    getTranslations("support"),
    getTranslations("requests.status"),
    getFormatter(),
  ]);
  const date = (value: Date) => format.dateTime(value, shortDateTime);

  return (
    <div className="space-y-6">
      <p className="text-sm">
        <Link href="/support" className={linkText}>
          {t("request.back")}
        </Link>
      </p>
      <PageHeading title={displayName(user)}>
        <p className="text-sm">{t("request.viewRecorded")}</p>
      </PageHeading>

      <Section id="profile" title={t("user.profile")}>
        <ProfileDetails user={user} />
      </Section>

      <Section id="memberships" title={t("user.memberships")}>
        <MembershipHistory memberships={memberships} caption={t("user.memberships")} />
      </Section>

      <Section id="requests" title={t("user.requests")}>
        {requests.length === 0 ? (
          <p className="text-sm text-slate-700">{t("user.noRequests")}</p>
        ) : (
          <>
            <DataTable
              caption={t("user.requests")}
              bodyClassName={consoleRows}
              columns={consoleColumns(
                (["submitted", "account", "identifier", "status"] as const).map((key) => [
                  key,
                  t(`results.${key}`),
                ]),
              )}
            >
              {requests.map((request) => (
                <tr key={request.id}>
                  <th scope="row" className={`${td} text-left font-normal whitespace-nowrap`}>
                    <Link
                      href={`/support/requests/${request.id}`}
                      prefetch={false}
                      className={linkText}
                    >
                      {date(request.createdAt)}
                    </Link>
                  </th>
                  <td className={td}>{request.account.name}</td>
                  <td className={td}>{request.domain}</td>
                  <td className={td}>
                    <StatusBadge status={request.status} label={tStatus(request.status)} />
                    {request.escalatedAt ? (
                      <span className="ml-2 text-xs font-semibold text-purple-900">
                        {t("results.escalated")}
                      </span>
                    ) : null}
                  </td>
                </tr>
              ))}
            </DataTable>
            {moreRequests ? (
              <p className="mt-3 text-sm">
                <Link
                  href={`/support${searchQuery({ email: user.email, emailMatch: "exact" })}`}
                  className={linkText}
                >
                  {t("user.moreRequests", { count: USER_REQUESTS_LIMIT })}
                </Link>
              </p>
            ) : null}
          </>
        )}
      </Section>

      <Section id="cases" title={t("user.cases")}>
        <SupportCaseList
          cases={supportCases}
          about={(supportCase) =>
            supportCase.request ? (
              <span className="text-slate-700">{supportCase.request.account.name}</span>
            ) : null
          }
        />
      </Section>
    </div>
  );
}
