import { csvStream } from "@/lib/support/csv";
import {
  INSIGHTS_OUTCOMES,
  PENDING_AGE_BUCKETS,
  type Insights,
  type PendingAgeBucket,
} from "./types";

/*
 * Each chart of the insights page as a table: the rows its accessible table shows and its CSV file
 * holds, so the two cannot disagree. Numbers are plain (the page formats them for the reader's
 * language, the CSV writes them as they are); hours and rates are rounded to one decimal here, once.
 */

/** The charts, in the page's order; the last two are support staff's only (`Insights.delivery`). */
export const INSIGHTS_CHARTS = [
  "outcomes",
  "decisionTime",
  "pendingAge",
  "followUps",
  "emails",
  "webhooks",
] as const;
export type InsightsChart = (typeof INSIGHTS_CHARTS)[number];

export function isInsightsChart(value: unknown): value is InsightsChart {
  return typeof value === "string" && (INSIGHTS_CHARTS as readonly string[]).includes(value);
}

/** Each chart's columns, in order; their headers are `insights.columns.<key>` in the catalogs. */
export const CHART_COLUMNS = {
  outcomes: ["week", ...INSIGHTS_OUTCOMES],
  decisionTime: ["week", "decisions", "medianHours", "p90Hours"],
  pendingAge: ["age", "requests"],
  followUps: ["week", "reminders", "escalations"],
  emails: ["sent", "failed", "held", "queued"],
  webhooks: ["delivered", "failed", "cancelled", "queued", "successRate"],
} as const satisfies Record<InsightsChart, readonly string[]>;

export type ChartColumn<Chart extends InsightsChart> = (typeof CHART_COLUMNS)[Chart][number];
export type InsightsColumn = ChartColumn<InsightsChart>;

/**
 * A cell: a week's Monday (YYYY-MM-DD) or an age bucket ("0-1", …) as text, a count or a measure
 * as a number, null where there is none (no decision that week, no delivery to rate).
 */
export type ChartCell = string | number | null;
export type ChartRow<Chart extends InsightsChart> = Record<ChartColumn<Chart>, ChartCell>;

const oneDecimal = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/**
 * The chart's rows, or null when the viewer has no such chart (email and webhook delivery are for
 * support staff only). Weekly charts have one row per week of the period, oldest first.
 */
export function chartRows<Chart extends InsightsChart>(
  insights: Insights,
  chart: Chart,
): ChartRow<Chart>[] | null {
  return rowsOf(insights, chart) as ChartRow<Chart>[] | null;
}

function rowsOf(insights: Insights, chart: InsightsChart): Record<string, ChartCell>[] | null {
  switch (chart) {
    case "outcomes":
      return insights.outcomes.map((week) => ({ ...week }));
    case "decisionTime":
      return insights.decisionTime.map(({ week, decisions, medianHours, p90Hours }) => ({
        week,
        decisions,
        medianHours: oneDecimal(medianHours),
        p90Hours: oneDecimal(p90Hours),
      }));
    case "pendingAge":
      return PENDING_AGE_BUCKETS.map((age: PendingAgeBucket) => ({
        age,
        requests: insights.pendingAge[age],
      }));
    case "followUps":
      return insights.followUps.map((week) => ({ ...week }));
    case "emails":
      return insights.delivery ? [{ ...insights.delivery.emails }] : null;
    case "webhooks": {
      if (!insights.delivery) return null;
      const { successRate, ...counts } = insights.delivery.webhooks;
      // A percentage, as the page shows it (a share of 1 reads as a typo in a spreadsheet).
      return [
        { ...counts, successRate: oneDecimal(successRate === null ? null : successRate * 100) },
      ];
    }
  }
}

/** A cell as the CSV writes it: numbers plain ("12.5", never "12,5" or "1,024"), none as empty. */
export function csvCell(cell: ChartCell): string {
  return cell === null ? "" : String(cell);
}

/**
 * The chart's CSV file (header row from `headers`, in the reader's language), or null when the
 * viewer has no such chart.
 */
export function chartCsv<Chart extends InsightsChart>(
  insights: Insights,
  chart: Chart,
  headers: Record<ChartColumn<Chart>, string>,
): ReadableStream<Uint8Array> | null {
  const rows = chartRows(insights, chart);
  if (!rows) return null;
  const columns = (CHART_COLUMNS[chart] as readonly ChartColumn<Chart>[]).map((key) => ({
    key,
    header: headers[key],
  }));
  const records = rows.map(
    (row) =>
      Object.fromEntries(columns.map(({ key }) => [key, csvCell(row[key])])) as Record<
        ChartColumn<Chart>,
        string
      >,
  );
  return csvStream(columns, [records]);
}

/** Whether the chart has anything to draw (an all-zero chart is said in words instead). */
export function chartHasData(insights: Insights, chart: InsightsChart): boolean {
  switch (chart) {
    case "outcomes":
      return insights.outcomes.some((week) => INSIGHTS_OUTCOMES.some((key) => week[key] > 0));
    case "decisionTime":
      return insights.decisionTime.some((week) => week.decisions > 0);
    case "pendingAge":
      return PENDING_AGE_BUCKETS.some((age) => insights.pendingAge[age] > 0);
    case "followUps":
      return insights.followUps.some((week) => week.reminders > 0 || week.escalations > 0);
    case "emails":
      return Boolean(insights.delivery && Object.values(insights.delivery.emails).some((n) => n));
    case "webhooks": {
      if (!insights.delivery) return false;
      const { delivered, failed, cancelled, queued } = insights.delivery.webhooks;
      return delivered + failed + cancelled + queued > 0;
    }
  }
}
