/**
 * npm run worker: the background jobs (lib/jobs/jobs.ts — the email outbox, webhook deliveries,
 * the sweeps of access requests and memberships, the retention purge) on their own, beside one or
 * more app servers. JOBS chooses which (all by default); OUTBOX_WORKER, the web process's switch,
 * is ignored here. Each app server also runs them unless OUTBOX_WORKER=off: claims make any number
 * of processes safe together. METRICS_PORT serves its metrics (lib/metrics/listener.ts).
 */
import { closeDatabase, db } from "@/lib/db/client";
import { EnvError, env } from "@/lib/env";
import { jobsToRun } from "@/lib/jobs/jobs";
import { startJobs } from "@/lib/jobs/runner";
import { startMetricsListener } from "@/lib/metrics/listener";

try {
  const e = env();
  const jobs = startJobs(db, e, jobsToRun(e, "worker"));
  // The worker's own metrics (the web process serves /api/metrics): on METRICS_PORT, if set.
  const metricsListener = e.METRICS_PORT
    ? startMetricsListener(e.METRICS_PORT, e.METRICS_TOKEN)
    : undefined;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, async () => {
      metricsListener?.close();
      await jobs.stop();
      await closeDatabase();
      process.exit(0);
    });
  }
} catch (error) {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
}
