import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { shortDate } from "@/components/ui/date-formats";
import {
  CHART_COLUMNS,
  chartHasData,
  chartRows,
  type ChartCell,
  type InsightsChart,
  type InsightsColumn,
} from "@/lib/insights/chart-tables";
import { insightsCsvHref } from "@/lib/insights/href";
import {
  INSIGHTS_OUTCOMES,
  type Insights,
  type InsightsQuery,
  type PendingAgeBucket,
} from "@/lib/insights/types";
import type { ChartPoint, ChartSeries, ChartSpec } from "./chart-spec";
import { ChartSection, type ChartTable } from "./chart-section";

const weekDate = (week: string) => new Date(`${week}T00:00:00Z`);
/** Columns that hold a category rather than a number. */
const CATEGORY_COLUMNS: readonly InsightsColumn[] = ["week", "age"];

/**
 * Every chart the viewer has, in order: the four about requests, then for support staff email
 * and webhook delivery. Each chart's table and CSV come from the same rows (chartRows).
 */
export async function InsightsCharts({
  insights,
  query,
}: {
  insights: Insights;
  query: InsightsQuery;
}) {
  const [t, format, locale] = await Promise.all([
    getTranslations("insights"),
    getFormatter(),
    getLocale(),
  ]);
  const weekLabel = (week: string) =>
    format.dateTime(weekDate(week), { day: "numeric", month: "short" });
  const ageLabel = (age: string) => t(`ages.${age as PendingAgeBucket}`);

  function cellContent(column: InsightsColumn, value: ChartCell): ReactNode {
    if (value === null)
      return (
        <>
          <span aria-hidden="true">—</span>
          <span className="sr-only">{t("table.none")}</span>
        </>
      );
    if (typeof value === "number") return format.number(value, { maximumFractionDigits: 1 });
    if (column === "week")
      return <time dateTime={value}>{format.dateTime(weekDate(value), shortDate)}</time>;
    return column === "age" ? ageLabel(value) : value;
  }

  function tableOf(chart: InsightsChart): ChartTable {
    const columns = CHART_COLUMNS[chart] as readonly InsightsColumn[];
    const rows = (chartRows(insights, chart) ?? []) as Record<string, ChartCell>[];
    return {
      columns: columns.map((key) => ({
        key,
        label: t(`columns.${key}`),
        numeric: !CATEGORY_COLUMNS.includes(key),
      })),
      rows: rows.map((row, index) => ({
        key: String(row[columns[0]!] ?? index),
        cells: columns.map((key) => cellContent(key, row[key] ?? null)),
      })),
    };
  }

  /** The chart's points: one per row, labelled by its week or age. */
  function pointsOf(chart: InsightsChart): ChartPoint[] {
    const rows = (chartRows(insights, chart) ?? []) as Record<string, ChartCell>[];
    return rows.map((row) => ({
      ...row,
      label: typeof row.week === "string" ? weekLabel(row.week) : ageLabel(String(row.age)),
    }));
  }

  /** A one-row table (emails, webhooks) as bars, one per column. */
  function countPoints(chart: "emails" | "webhooks", keys: InsightsColumn[]): ChartPoint[] {
    const row = (chartRows(insights, chart) ?? [{}])[0] as Record<string, ChartCell>;
    return keys.map((key) => ({ label: t(`columns.${key}`), count: row[key] ?? 0 }));
  }

  const spec = (
    chart: InsightsChart,
    kind: ChartSpec["kind"],
    series: ChartSeries[],
    points: ChartPoint[],
  ): ChartSpec => ({
    kind,
    series,
    points,
    patternPrefix: `insights-${chart}`,
    locale,
  });

  const section = (
    chart: InsightsChart,
    chartSpec: ChartSpec,
    caption: string,
    empty: string,
    extra?: ReactNode,
  ) => (
    <ChartSection
      key={chart}
      id={`insights-${chart}`}
      title={t(`charts.${chart}.title`)}
      caption={caption}
      empty={chartHasData(insights, chart) ? null : empty}
      spec={chartSpec}
      table={tableOf(chart)}
      csvHref={insightsCsvHref(chart, query)}
      texts={{ showTable: t("table.show"), download: t("csv.download") }}
    >
      {extra}
    </ChartSection>
  );

  const sections = [
    section(
      "outcomes",
      spec(
        "outcomes",
        "stacked",
        INSIGHTS_OUTCOMES.map((outcome) => ({
          key: outcome,
          name: t(`columns.${outcome}`),
          style: outcome,
        })),
        pointsOf("outcomes"),
      ),
      t("charts.outcomes.caption"),
      t("charts.outcomes.empty"),
    ),
    section(
      "decisionTime",
      spec(
        "decisionTime",
        "lines",
        [
          { key: "medianHours", name: t("columns.medianHours"), style: "median" },
          { key: "p90Hours", name: t("columns.p90Hours"), style: "p90" },
        ],
        pointsOf("decisionTime"),
      ),
      t("charts.decisionTime.caption"),
      t("charts.decisionTime.empty"),
    ),
    section(
      "pendingAge",
      spec(
        "pendingAge",
        "bars",
        [{ key: "requests", name: t("columns.requests"), style: "count" }],
        pointsOf("pendingAge"),
      ),
      t("charts.pendingAge.caption"),
      t("charts.pendingAge.empty"),
    ),
    section(
      "followUps",
      spec(
        "followUps",
        "grouped",
        [
          { key: "reminders", name: t("columns.reminders"), style: "reminders" },
          { key: "escalations", name: t("columns.escalations"), style: "escalations" },
        ],
        pointsOf("followUps"),
      ),
      t("charts.followUps.caption"),
      t("charts.followUps.empty"),
    ),
  ];

  if (insights.delivery) {
    const rate = insights.delivery.webhooks.successRate;
    sections.push(
      section(
        "emails",
        spec(
          "emails",
          "bars",
          [{ key: "count", name: t("charts.emails.title"), style: "count" }],
          countPoints("emails", ["sent", "failed", "held", "queued"]),
        ),
        insights.account ? t("charts.emails.captionAccount") : t("charts.emails.captionAll"),
        t("charts.emails.empty"),
      ),
      section(
        "webhooks",
        spec(
          "webhooks",
          "bars",
          [{ key: "count", name: t("charts.webhooks.title"), style: "count" }],
          countPoints("webhooks", ["delivered", "failed", "cancelled", "queued"]),
        ),
        t("charts.webhooks.caption"),
        t("charts.webhooks.empty"),
        <p className="font-semibold">
          {rate === null
            ? t("charts.webhooks.successRateNone")
            : t("charts.webhooks.successRate", {
                rate: format.number(rate, { style: "percent", maximumFractionDigits: 1 }),
              })}
        </p>,
      ),
    );
  }
  return <div className="space-y-6">{sections}</div>;
}
