import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { shortDate } from "@/components/ui/date-formats";
import { Notice } from "@/components/ui/notice";
import { linkText } from "@/components/ui/styles";
import { chartHasData } from "@/lib/insights/chart-tables";
import { insightsHref } from "@/lib/insights/href";
import type { Insights, InsightsQuery } from "@/lib/insights/types";
import { InsightsCharts } from "./insights-charts";

/**
 * The insights asked for, once read (the page starts the read and streams this part): whose they
 * are and over which days, a notice when no request was sent, then the charts. The read answers
 * null for an account out of the viewer's reach: "not found".
 */
export async function InsightsReport({
  insights: reading,
  query,
}: {
  insights: Promise<Insights | null>;
  query: InsightsQuery;
}) {
  const [insights, t, format] = await Promise.all([
    reading,
    getTranslations("insights"),
    getFormatter(),
  ]);
  if (!insights) notFound();
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h2 className="text-xl font-semibold [overflow-wrap:anywhere]">
          {insights.account?.name ?? t(`scope.${insights.reach}`)}
        </h2>
        <p className="text-sm text-slate-700">
          {/* `to` is now: the period's last day is today. */}
          {t("periodSummary", {
            from: format.dateTime(insights.from, shortDate),
            to: format.dateTime(insights.to, shortDate),
            days: insights.period,
          })}
        </p>
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
      {chartHasData(insights, "outcomes") ? null : (
        <Notice tone="info" title={t("noRequests.title")}>
          {t("noRequests.body", { days: insights.period })}
        </Notice>
      )}
      <InsightsCharts insights={insights} query={query} />
    </div>
  );
}
