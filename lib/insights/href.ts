import type { InsightsQuery } from "./types";

/** The insights page's address for a query (and a support search, kept while choosing). */
export function insightsHref(query: InsightsQuery, search = ""): string {
  const params = new URLSearchParams({ period: String(query.period) });
  if (query.accountId) params.set("account", query.accountId);
  if (search) params.set("q", search);
  return `/insights?${params.toString()}`;
}

/** A chart's CSV file for a query (app/insights/export/route.ts). */
export function insightsCsvHref(chart: string, query: InsightsQuery): string {
  const params = new URLSearchParams({ chart, period: String(query.period) });
  if (query.accountId) params.set("account", query.accountId);
  return `/insights/export?${params.toString()}`;
}
