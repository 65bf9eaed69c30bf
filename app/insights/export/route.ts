import { NextResponse, type NextRequest } from "next/server";
import { getTranslations } from "next-intl/server";
import { problemResponse } from "@/lib/api/problem";
import { getCurrentUser } from "@/lib/auth/current-user";
import { signInPath } from "@/lib/auth/page-guard";
import {
  CHART_COLUMNS,
  chartCsv,
  isInsightsChart,
  type InsightsColumn,
} from "@/lib/insights/chart-tables";
import { insightsFor } from "@/lib/insights/read";
import { insightsQuerySchema } from "@/lib/insights/schema";
import { csvDownload } from "@/lib/support/csv";

export const dynamic = "force-dynamic";

/**
 * One insights chart's table as CSV (GET /insights/export?chart=outcomes&period=90&account=<id>),
 * header row in the reader's language. The same reach as the page, decided by insightsFor from
 * the database: anyone who may not see these insights gets 404, as for the page.
 */
export async function GET(request: NextRequest) {
  const user = await getCurrentUser();
  if (!user) {
    const back = `${request.nextUrl.pathname}${request.nextUrl.search}`;
    return NextResponse.redirect(new URL(signInPath(back), request.url));
  }
  const t = await getTranslations("insights");
  const params = request.nextUrl.searchParams;
  const chart = params.get("chart");
  const parsed = insightsQuerySchema.safeParse({
    period: params.get("period") || undefined,
    account: params.get("account") || undefined,
  });
  if (!isInsightsChart(chart) || !parsed.success)
    return problemResponse("VALIDATION", t("csv.invalid"));

  const insights = await insightsFor(user, parsed.data);
  const headers = Object.fromEntries(
    (CHART_COLUMNS[chart] as readonly InsightsColumn[]).map((key) => [key, t(`columns.${key}`)]),
  ) as Record<InsightsColumn, string>;
  // No insights for this viewer, or a chart they do not have (delivery is support staff's).
  const stream = insights && chartCsv(insights, chart, headers);
  if (!stream) return problemResponse("NOT_FOUND", t("csv.notFound"));

  const day = insights.to.toISOString().slice(0, 10);
  return csvDownload(stream, `insights-${chart}-${day}.csv`);
}
