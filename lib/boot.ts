import { closeDatabase, db } from "@/lib/db/client";
import { EnvError, demoMode, env } from "@/lib/env";
import { stampPeerAddresses } from "@/lib/http/peer-address";
import { jobsToRun, outboundJobsNotice } from "@/lib/jobs/jobs";
import { startJobs, type JobRunner } from "@/lib/jobs/runner";
import { logger } from "@/lib/log";
import { observeHttpRequests } from "@/lib/metrics/http";
import { startIdleCollection } from "@/lib/runtime/idle-collection";

// Next may evaluate this module more than once in one process (next dev does): the jobs start once.
const globalForBoot = globalThis as unknown as { portalJobs?: JobRunner };

/**
 * Runs once when the server process starts (instrumentation.ts): validates env — in production,
 * a demo convenience left on stops the server here, with a message naming each variable — then
 * starts the background jobs (lib/jobs/jobs.ts) this process runs: all of them (in production but
 * for the outbox and webhooks, left to `npm run worker`) unless OUTBOX_WORKER=off or JOBS says
 * otherwise.
 */
export function bootServer(): void {
  let e;
  try {
    e = env();
  } catch (error) {
    if (error instanceof EnvError) {
      // The message names each bad variable; nothing else is worth printing.
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  // First: the per-client limits need each request's socket address (TRUSTED_PROXIES).
  stampPeerAddresses();
  observeHttpRequests();
  if (demoMode(e))
    logger.warn(
      "demo mode: /dev/mailbox shows every email and sign-in link to anyone; never for real users",
    );
  if (!e.SMTP_URL) logger.warn("no SMTP_URL: emails are held (status HELD), never sent");
  const notice = outboundJobsNotice(e, "web");
  if (notice && !globalForBoot.portalJobs) logger.warn(notice);
  globalForBoot.portalJobs ??= startJobs(db, e, jobsToRun(e, "web"));
  // A server that served a burst gives its memory back once it is quiet.
  startIdleCollection();
  process.on("unhandledRejection", (reason) =>
    logger.error({ err: reason }, "unhandled rejection"),
  );
  // npm start sets NEXT_MANUAL_SIG_HANDLE so that this runs to the end before the process exits.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, async () => {
      await globalForBoot.portalJobs?.stop();
      await closeDatabase().catch(() => undefined);
      process.exit(0);
    });
  }
}
