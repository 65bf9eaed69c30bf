import { env } from "@/lib/env";
import { answerScrape } from "@/lib/metrics/exposition";

export const dynamic = "force-dynamic";

/**
 * This process's metrics in Prometheus's text format, for METRICS_TOKEN as a bearer token; 404
 * while METRICS_TOKEN is not set (docs/deploy.md, "Metrics").
 */
export async function GET(request: Request) {
  const answer = await answerScrape(request.headers.get("authorization"), env().METRICS_TOKEN);
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}
