import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { displayName } from "@/lib/people";
import { shortDateTime } from "@/components/ui/date-formats";
import { consoleCell as td, consoleColumns, consoleRows } from "@/components/support/console-table";
import { DataTable } from "@/components/ui/data-table";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import { card, linkText } from "@/components/ui/styles";
import { requireSupportStaffPage } from "@/lib/support/access";
import { encodeCursor, pageDirection } from "@/lib/pagination/keyset";
import { caseStatusFilterSchema, type CaseStatusFilter } from "@/lib/support/search-params";
import { listSupportCases } from "@/lib/support/support-cases";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("support.cases"))("title") };
}

const FILTERS: CaseStatusFilter[] = ["OPEN", "CLOSED", "ALL"];

export default async function SupportCasesPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const params = await searchParams;
  const status = caseStatusFilterSchema.parse(
    Array.isArray(params.status) ? params.status[0] : params.status,
  );
  const viewer = await requireSupportStaffPage(`/support/cases?status=${status}`);
  const [t, tMemberships, format] = await Promise.all([
    getTranslations("support.cases"),
    getTranslations("memberships.history"),
    getFormatter(),
  ]);
  const list = await listSupportCases(viewer, status, pageDirection(params));
  const href = (cursor: { after: string } | { before: string }) =>
    `/support/cases?${new URLSearchParams({ status, ...cursor })}`;

  return (
    <div className="space-y-6">
      <PageHeading title={t("title")}>
        <p>{t("intro")}</p>
      </PageHeading>
      <nav aria-label={t("filterLabel")}>
        <ul className="flex flex-wrap gap-2">
          {FILTERS.map((filter) => (
            <li key={filter}>
              <Link
                href={`/support/cases?status=${filter}`}
                aria-current={filter === status ? "page" : undefined}
                className="inline-block rounded-full border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-brand-700 hover:bg-slate-50 aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-700 aria-[current=page]:text-white"
              >
                {t(`filters.${filter}`)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {list.cases.length === 0 ? (
        <p className={`${card} text-center text-slate-700`}>{t(`empty.${status}`)}</p>
      ) : (
        <>
          <DataTable
            caption={t(`filters.${status}`)}
            bodyClassName={consoleRows}
            columns={consoleColumns(
              (["opened", "openedBy", "request", "message", "statusColumn"] as const).map((key) => [
                key,
                t(key),
              ]),
            )}
          >
            {list.cases.map((supportCase) => (
              <tr key={supportCase.id}>
                <th scope="row" className={`${td} whitespace-nowrap text-left font-normal`}>
                  <Link
                    href={`/support/cases/${supportCase.id}`}
                    prefetch={false}
                    className={linkText}
                  >
                    {format.dateTime(supportCase.createdAt, shortDateTime)}
                  </Link>
                </th>
                <td className={td}>
                  {displayName(supportCase.openedBy)}
                  <div className="text-slate-700">{supportCase.openedBy.email}</div>
                </td>
                <td className={td}>
                  {supportCase.request ? (
                    supportCase.request.account.name
                  ) : supportCase.account ? (
                    tMemberships("caseAccount", { account: supportCase.account.name })
                  ) : (
                    <span className="italic">{t("requestGone")}</span>
                  )}
                </td>
                <td className={`${td} max-w-xs`}>
                  <span className="line-clamp-2">{supportCase.message}</span>
                </td>
                <td className={td}>
                  {t(`status.${supportCase.status}`)}
                  <div className="text-slate-700">
                    {t("notes", { count: supportCase._count.notes })}
                  </div>
                </td>
              </tr>
            ))}
          </DataTable>
          <Pagination
            label={t("pagination")}
            previous={
              list.newer
                ? { href: href({ before: encodeCursor(list.newer) }), text: t("newer") }
                : null
            }
            next={
              list.older
                ? { href: href({ after: encodeCursor(list.older) }), text: t("older") }
                : null
            }
          />
        </>
      )}
    </div>
  );
}
