import { describe, expect, it } from "vitest";
import {
  CHART_COLUMNS,
  INSIGHTS_CHARTS,
  chartCsv,
  chartHasData,
  chartRows,
  csvCell,
  isInsightsChart,
} from "@/lib/insights/chart-tables";
import type { Insights } from "@/lib/insights/types";
import { parseCsv } from "../integration/support-csv-reader";

/** Two weeks of an administrator's insights (no delivery), with known numbers. */
const insights: Insights = {
  period: 30,
  from: new Date("2026-11-07T10:00:00Z"),
  to: new Date("2026-12-07T10:00:00Z"),
  account: null,
  reach: "administered",
  weeks: ["2026-11-23", "2026-11-30"],
  outcomes: [
    { week: "2026-11-23", approved: 3, denied: 1, withdrawn: 0, expired: 2, pending: 0 },
    { week: "2026-11-30", approved: 0, denied: 0, withdrawn: 1, expired: 0, pending: 4 },
  ],
  decisionTime: [
    { week: "2026-11-23", decisions: 4, medianHours: 12.345, p90Hours: 70.06 },
    { week: "2026-11-30", decisions: 0, medianHours: null, p90Hours: null },
  ],
  followUps: [
    { week: "2026-11-23", reminders: 2, escalations: 1 },
    { week: "2026-11-30", reminders: 0, escalations: 0 },
  ],
  pendingAge: { "0-1": 1, "1-3": 0, "3-7": 2, "7+": 1 },
  delivery: null,
};

const support: Insights = {
  ...insights,
  reach: "all",
  delivery: {
    emails: { sent: 10, failed: 1, held: 0, queued: 2 },
    webhooks: { delivered: 7, failed: 2, cancelled: 1, queued: 0, successRate: 7 / 9 },
  },
};

async function csvText(stream: ReadableStream<Uint8Array> | null): Promise<string[][]> {
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(
    await new Response(stream).arrayBuffer(),
  );
  expect(text.startsWith("\uFEFF")).toBe(true);
  return parseCsv(text.slice(1));
}

describe("insights charts as tables", () => {
  it("gives each weekly chart one row per week, its columns in order", () => {
    for (const chart of ["outcomes", "decisionTime", "followUps"] as const) {
      const rows = chartRows(insights, chart)!;
      expect(rows.map((row) => row.week)).toEqual(insights.weeks);
      expect(Object.keys(rows[0]!)).toEqual([...CHART_COLUMNS[chart]]);
    }
    expect(chartRows(insights, "outcomes")![0]).toEqual({
      week: "2026-11-23",
      approved: 3,
      denied: 1,
      withdrawn: 0,
      expired: 2,
      pending: 0,
    });
  });

  it("rounds hours to one decimal and keeps a week without decisions empty", () => {
    expect(chartRows(insights, "decisionTime")).toEqual([
      { week: "2026-11-23", decisions: 4, medianHours: 12.3, p90Hours: 70.1 },
      { week: "2026-11-30", decisions: 0, medianHours: null, p90Hours: null },
    ]);
  });

  it("lists pending requests by age bucket, youngest first", () => {
    expect(chartRows(insights, "pendingAge")).toEqual([
      { age: "0-1", requests: 1 },
      { age: "1-3", requests: 0 },
      { age: "3-7", requests: 2 },
      { age: "7+", requests: 1 },
    ]);
  });

  it("gives delivery to support staff only, the success rate as a percentage", () => {
    expect(chartRows(insights, "emails")).toBeNull();
    expect(chartRows(insights, "webhooks")).toBeNull();
    expect(chartRows(support, "emails")).toEqual([{ sent: 10, failed: 1, held: 0, queued: 2 }]);
    expect(chartRows(support, "webhooks")).toEqual([
      { delivered: 7, failed: 2, cancelled: 1, queued: 0, successRate: 77.8 },
    ]);
    const none = { ...support.delivery!.webhooks, delivered: 0, failed: 0, successRate: null };
    expect(
      chartRows({ ...support, delivery: { ...support.delivery!, webhooks: none } }, "webhooks")![0]!
        .successRate,
    ).toBeNull();
  });

  it("says which charts have something to draw", () => {
    expect(INSIGHTS_CHARTS.filter((chart) => chartHasData(support, chart))).toEqual([
      ...INSIGHTS_CHARTS,
    ]);
    const quiet: Insights = {
      ...support,
      outcomes: insights.outcomes.map(({ week }) => ({
        week,
        approved: 0,
        denied: 0,
        withdrawn: 0,
        expired: 0,
        pending: 0,
      })),
      decisionTime: insights.decisionTime.map(({ week }) => ({
        week,
        decisions: 0,
        medianHours: null,
        p90Hours: null,
      })),
      followUps: insights.followUps.map(({ week }) => ({ week, reminders: 0, escalations: 0 })),
      pendingAge: { "0-1": 0, "1-3": 0, "3-7": 0, "7+": 0 },
      delivery: {
        emails: { sent: 0, failed: 0, held: 0, queued: 0 },
        webhooks: { delivered: 0, failed: 0, cancelled: 0, queued: 0, successRate: null },
      },
    };
    expect(INSIGHTS_CHARTS.filter((chart) => chartHasData(quiet, chart))).toEqual([]);
    expect(chartHasData(insights, "emails")).toBe(false);
  });

  it("knows its charts' names and nothing else", () => {
    expect(isInsightsChart("outcomes")).toBe(true);
    expect(isInsightsChart("webhooks")).toBe(true);
    expect(isInsightsChart("toString")).toBe(false);
    expect(isInsightsChart(["outcomes"])).toBe(false);
  });
});

describe("insights CSV files", () => {
  it("writes numbers plain and nothing for none", () => {
    expect(csvCell(1024)).toBe("1024");
    expect(csvCell(12.5)).toBe("12.5");
    expect(csvCell(null)).toBe("");
    expect(csvCell("2026-11-30")).toBe("2026-11-30");
  });

  it("writes the header in the words given, then the table's rows", async () => {
    const headers = {
      week: "Semaine",
      decisions: "Décisions",
      medianHours: "Médiane (h)",
      p90Hours: "9e décile (h)",
    };
    expect(await csvText(chartCsv(insights, "decisionTime", headers))).toEqual([
      ["Semaine", "Décisions", "Médiane (h)", "9e décile (h)"],
      ["2026-11-23", "4", "12.3", "70.1"],
      ["2026-11-30", "0", "", ""],
    ]);
  });

  it("answers null for a chart the viewer does not have", () => {
    const headers = { sent: "Sent", failed: "Failed", held: "Held", queued: "Queued" };
    expect(chartCsv(insights, "emails", headers)).toBeNull();
  });
});
