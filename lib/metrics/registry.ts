import { collectDefaultMetrics, Counter, Histogram, Registry } from "prom-client";

/**
 * The process's metrics (Prometheus, prom-client): one registry per process, on `globalThis`
 * because Next evaluates a module once per bundle (the route handlers', the instrumentation's).
 * What each figure means, and how to scrape the web and the worker processes: docs/deploy.md.
 */
export interface PortalMetrics {
  registry: Registry;
  /** Every HTTP request the web process answered, by route pattern (never the raw URL). */
  httpRequests: Histogram<"method" | "route" | "status">;
  /** Submits that committed, by what became of them. */
  requestsSubmitted: Counter<"outcome">;
  /** Decisions that changed a request, by the status given. */
  requestsDecided: Counter<"outcome">;
  /** Passes of each background job (lib/jobs), by result. */
  jobPasses: Counter<"job" | "result">;
  jobPassSeconds: Histogram<"job">;
  /** Refusals of each named limit (lib/rate-limit.ts). */
  rateLimitRefusals: Counter<"limit">;
}

function createMetrics(): PortalMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  // Gauges named like counters (prom-client's own), which `promtool check metrics` refuses; the
  // same counts are there without the suffix (nodejs_active_handles, …).
  for (const misnamed of ["handles", "requests", "resources"])
    registry.removeSingleMetric(`nodejs_active_${misnamed}_total`);
  const registers = [registry];
  return {
    registry,
    httpRequests: new Histogram({
      name: "portal_http_request_duration_seconds",
      help: "HTTP requests answered, by method, route pattern (app/ route, or 'unmatched') and status, with the time to the last byte",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    requestsSubmitted: new Counter({
      name: "portal_access_requests_submitted_total",
      help: "Access request submits committed by this process, by outcome (created, already_pending, already_member)",
      labelNames: ["outcome"],
      registers,
    }),
    requestsDecided: new Counter({
      name: "portal_access_requests_decided_total",
      help: "Access requests decided by this process (UI, bulk and API), by outcome (approved, denied)",
      labelNames: ["outcome"],
      registers,
    }),
    jobPasses: new Counter({
      name: "portal_job_passes_total",
      help: "Passes of the background jobs run by this process, by job and result (ok, failed)",
      labelNames: ["job", "result"],
      registers,
    }),
    jobPassSeconds: new Histogram({
      name: "portal_job_pass_duration_seconds",
      help: "How long each pass of a background job took",
      labelNames: ["job"],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60],
      registers,
    }),
    rateLimitRefusals: new Counter({
      name: "portal_rate_limit_refusals_total",
      help: "Requests refused by a rate limit of lib/rate-limit.ts in this process, by limit",
      labelNames: ["limit"],
      registers,
    }),
  };
}

const globalForMetrics = globalThis as unknown as { portalMetrics?: PortalMetrics };

/** This process's metrics, created on first use (`next build` creates none). */
export function metrics(): PortalMetrics {
  globalForMetrics.portalMetrics ??= createMetrics();
  return globalForMetrics.portalMetrics;
}
