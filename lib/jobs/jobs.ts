import { demoMode, type Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { startInsightsRollup } from "@/lib/insights/rollup";
import { startRetentionPurge } from "@/lib/mail/retention";
import { startOutboxWorkerFromEnv } from "@/lib/mail/worker";
import { startMembershipSweeper } from "@/lib/memberships/sweep";
import { startRequestSweeper } from "@/lib/requests/sweep";
import { startWebhookWorkerFromEnv } from "@/lib/webhooks/worker";
import { JOB_NAMES, type JobName } from "./names";
import type { PollingLoop } from "./polling-loop";

/** One background job: a loop of passes over the database, `intervalMs` apart. */
export interface Job {
  /** What a pass does, in a line. */
  does: string;
  /** The pause between passes, from the environment. */
  intervalMs: (e: Env) => number;
  /** Starts the loop; it runs until stopped. */
  start: (db: PrismaClient, e: Env, intervalMs: number) => PollingLoop;
}

/**
 * Every background job, by name. Each pass claims its rows with FOR UPDATE SKIP LOCKED and
 * re-checks them in its UPDATE, so any number of processes may run any of these at once
 * (docs/jobs.md says what each one guarantees).
 */
export const jobs: Record<JobName, Job> = {
  outbox: {
    does: "sends due emails (or, with no SMTP_URL, holds them)",
    intervalMs: (e) => e.OUTBOX_POLL_MS,
    start: (db, e, intervalMs) => startOutboxWorkerFromEnv(db, e, intervalMs),
  },
  webhooks: {
    does: "posts due webhook deliveries",
    // One poll interval for both queues until WEBHOOK_POLL_MS existed: it still follows it.
    intervalMs: (e) => e.WEBHOOK_POLL_MS ?? e.OUTBOX_POLL_MS,
    start: (db, e, intervalMs) => startWebhookWorkerFromEnv(db, e, intervalMs),
  },
  "request-sweep": {
    does: "expires overdue access requests and escalates those waiting too long",
    intervalMs: (e) => e.REQUEST_SWEEP_MS,
    start: (db, _e, intervalMs) => startRequestSweeper({ db, intervalMs }),
  },
  "membership-sweep": {
    does: "announces time-bound accesses that end soon and ends those past their date",
    intervalMs: (e) => e.MEMBERSHIP_SWEEP_MS,
    start: (db, _e, intervalMs) => startMembershipSweeper({ db, intervalMs }),
  },
  retention: {
    does: "empties or deletes sent emails older than OUTBOX_RETENTION_DAYS",
    intervalMs: (e) => e.RETENTION_PURGE_MS,
    start: (db, e, intervalMs) => startRetentionPurge(db, e.OUTBOX_RETENTION_DAYS, intervalMs),
  },
  "insights-rollup": {
    does: "keeps the insights of every account for each week that can no longer change",
    intervalMs: (e) => e.INSIGHTS_ROLLUP_MS,
    start: (_db, _e, intervalMs) => startInsightsRollup(intervalMs),
  },
};

/** Where the jobs run: inside the web server (`npm start`, `next start`) or `npm run worker`. */
export type JobHost = "web" | "worker";

/**
 * The jobs that reach outside the portal (an SMTP relay, webhook receivers). A slow or hostile
 * receiver must never cost the pages their time, so in production they run in `npm run worker` by
 * default, not in the web process (issue 26).
 */
export const OUTBOUND_JOBS: readonly JobName[] = ["outbox", "webhooks"];

/** A production web process (not the demo): the one that leaves OUTBOUND_JOBS to the worker by default. */
function productionWeb(e: Env, host: JobHost): boolean {
  return host === "web" && e.NODE_ENV === "production" && !demoMode(e);
}

/**
 * The jobs a process runs, in the list's order: those JOBS names; when JOBS is unset, every job,
 * except OUTBOUND_JOBS in a production web process (the demo and development run them all in the
 * web process). OUTBOX_WORKER, the switch that predates JOBS, still turns them all off in the web
 * process; `npm run worker` ignores it, so that app servers and the worker may share one
 * environment.
 */
export function jobsToRun(e: Env, host: JobHost): JobName[] {
  if (host === "web" && e.OUTBOX_WORKER === "off") return [];
  const named =
    e.JOBS ??
    (productionWeb(e, host)
      ? JOB_NAMES.filter((name) => !OUTBOUND_JOBS.includes(name))
      : JOB_NAMES);
  return JOB_NAMES.filter((name) => named.includes(name));
}

/**
 * What a web process says at start when, by the production default, it leaves the emails and
 * webhooks to `npm run worker`: without one, none is ever sent. Null otherwise.
 */
export function outboundJobsNotice(e: Env, host: JobHost): string | null {
  if (!productionWeb(e, host) || e.JOBS || e.OUTBOX_WORKER === "off") return null;
  return "jobs: emails and webhook deliveries (outbox, webhooks) are not sent by this web process (the production default): run `npm run worker` beside it, or none is ever sent; JOBS=outbox,webhooks,… runs them here";
}
