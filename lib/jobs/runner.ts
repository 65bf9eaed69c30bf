import type { Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { logger } from "@/lib/log";
import { asJob } from "@/lib/metrics/use-cases";
import { jobs as allJobs, type Job } from "./jobs";
import type { JobName } from "./names";

export interface JobRunner {
  /** The jobs running, in the list's order. */
  names: readonly JobName[];
  /** Lets each job finish the pass under way, then stops them all. */
  stop(): Promise<void>;
}

/**
 * Starts the named jobs of the list, each on its own loop, and logs which (one line: what an
 * operator looks for to know where the emails are sent from). The web process (lib/boot.ts) and
 * `npm run worker` both start their jobs here.
 */
export function startJobs(
  db: PrismaClient,
  e: Env,
  names: readonly JobName[],
  jobs: Record<JobName, Job> = allJobs,
): JobRunner {
  const intervals = Object.fromEntries(names.map((name) => [name, jobs[name].intervalMs(e)]));
  const loops = names.map((name) => asJob(name, () => jobs[name].start(db, e, intervals[name]!)));
  if (names.length) logger.info({ intervalsMs: intervals }, `jobs: running ${names.join(", ")}`);
  else logger.info("jobs: none in this process");
  return {
    names,
    async stop() {
      await Promise.all(loops.map((loop) => loop.stop()));
    },
  };
}
