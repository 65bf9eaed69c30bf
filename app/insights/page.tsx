import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { InsightsCharts } from "@/components/insights/insights-charts";
import { InsightsFilters } from "@/components/insights/insights-filters";
import { shortDate } from "@/components/ui/date-formats";
import { Notice } from "@/components/ui/notice";
import { PageHeading } from "@/components/ui/page-heading";
import { linkText } from "@/components/ui/styles";
import { requireSignedInPage } from "@/lib/auth/page-guard";
import { chartHasData } from "@/lib/insights/chart-tables";
import { insightsHref } from "@/lib/insights/href";
import { insightsAccountOptions, insightsFor } from "@/lib/insights/read";
import { insightsQueryOf } from "@/lib/insights/schema";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("insights"))("title") };
}

type SearchParams = Record<string, string | string[] | undefined>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/**
 * Insights (issue 29): for Smart Account Administrators (their accounts) and support staff (every
 * account, with email and webhook delivery). What each may see is decided by insightsFor and
 * insightsAccountOptions from the database; anyone else, or an account out of reach, gets "not
 * found", as for a page that does not exist.
 */
export default async function InsightsPage({
  searchParams,
}: {
  searchParams: Promise<SearchParams>;
}) {
  const params = await searchParams;
  const { query, valid } = insightsQueryOf(params);
  const search = (first(params.q) ?? "").trim().slice(0, 100);
  const user = await requireSignedInPage(insightsHref(query, search));
  const [insights, options, t, format] = await Promise.all([
    insightsFor(user, query),
    insightsAccountOptions(user, search),
    getTranslations("insights"),
    getFormatter(),
  ]);
  if (!insights || !options) notFound();

  // `to` is now: the period's last day is today.
  const summary = t("periodSummary", {
    from: format.dateTime(insights.from, shortDate),
    to: format.dateTime(insights.to, shortDate),
    days: insights.period,
  });
  const noRequests = !chartHasData(insights, "outcomes");

  return (
    <div className="space-y-6">
      <PageHeading title={t("title")}>
        <p>{insights.reach === "all" ? t("introSupport") : t("intro")}</p>
      </PageHeading>
      {valid ? null : <Notice tone="warning">{t("invalidQuery")}</Notice>}
      <InsightsFilters
        query={query}
        reach={options.reach}
        accounts={options.accounts}
        search={search}
      />
      <div className="space-y-1">
        <h2 className="text-xl font-semibold [overflow-wrap:anywhere]">
          {insights.account?.name ?? t(`scope.${insights.reach}`)}
        </h2>
        <p className="text-sm text-slate-700">{summary}</p>
        {insights.reach === "all" && insights.account ? (
          <p className="text-sm">
            <Link
              href={insightsHref({ period: query.period, accountId: null })}
              className={linkText}
            >
              {t("filters.allAccounts")}
            </Link>
          </p>
        ) : null}
      </div>
      {noRequests ? (
        <Notice tone="info" title={t("noRequests.title")}>
          {t("noRequests.body", { days: insights.period })}
        </Notice>
      ) : null}
      <InsightsCharts insights={insights} query={query} />
    </div>
  );
}
