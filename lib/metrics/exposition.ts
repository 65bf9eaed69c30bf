import { createHash, timingSafeEqual } from "node:crypto";
import { registerDatabaseGauges } from "./database";
import { metrics } from "./registry";

export interface MetricsAnswer {
  status: 200 | 401 | 404;
  headers: Record<string, string>;
  body: string;
}

const digest = (value: string) => createHash("sha256").update(value).digest();

/**
 * Whether an `Authorization` header carries `token` as a bearer token. Compared in constant time
 * on digests of equal length, so neither the token's length nor its first bytes leak by timing.
 */
export function presentsToken(authorization: string | null, token: string): boolean {
  const presented = authorization?.match(/^Bearer\s+(\S+)$/i)?.[1] ?? "";
  return timingSafeEqual(digest(presented), digest(token)) && presented !== "";
}

const globalForExposition = globalThis as unknown as { portalDatabaseGauges?: boolean };

/**
 * What a scrape gets, in the web process (app/api/metrics/route.ts) and on the worker's listener
 * (./listener.ts) alike: 404 when METRICS_TOKEN is not set (the endpoint does not exist), 401
 * without the right bearer token, and otherwise this process's registry in Prometheus's text
 * format (version 0.0.4).
 */
export async function answerScrape(
  authorization: string | null,
  token: string | undefined,
): Promise<MetricsAnswer> {
  const headers: Record<string, string> = { "cache-control": "no-store" };
  if (!token) return { status: 404, headers, body: "Not Found\n" };
  if (!presentsToken(authorization, token))
    return {
      status: 401,
      headers: { ...headers, "www-authenticate": 'Bearer realm="metrics"' },
      body: "Unauthorized\n",
    };
  const { registry } = metrics();
  if (!globalForExposition.portalDatabaseGauges) {
    globalForExposition.portalDatabaseGauges = true;
    registerDatabaseGauges(registry);
  }
  return {
    status: 200,
    headers: { ...headers, "content-type": registry.contentType },
    body: await registry.metrics(),
  };
}
