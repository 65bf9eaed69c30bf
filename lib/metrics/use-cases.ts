import { AsyncLocalStorage } from "node:async_hooks";
import type { ZodType } from "zod";
import type { Mutation } from "@/lib/actions/mutation";
import type { JobName } from "@/lib/jobs/names";
import type { RateLimitName } from "@/lib/rate-limit";
import type { SubmitRequestResult } from "@/lib/requests/submit-request";
import { metrics } from "./registry";

/*
 * The hooks of the use cases, one line at each place they count from.
 */

const OUTCOMES: Record<SubmitRequestResult["outcome"], string> = {
  created: "created",
  alreadyPending: "already_pending",
  alreadyMember: "already_member",
};

/**
 * Counts the submits (portal_access_requests_submitted_total) of the submit Mutation once its
 * transaction has committed: `execute` resolves after COMMIT, and a submit that threw (refused,
 * rolled back) counts nothing.
 */
export function countSubmits(submit: Mutation<ZodType, SubmitRequestResult>): void {
  const execute = submit.execute.bind(submit);
  submit.execute = async (actor, rawInput) => {
    const result = await execute(actor, rawInput);
    metrics().requestsSubmitted.inc({ outcome: OUTCOMES[result.outcome] });
    return result;
  };
}

/**
 * Counts a decision (portal_access_requests_decided_total), called by the decision step once its
 * last write is done. The step runs inside its caller's transaction (the UI's, a bulk decision's,
 * the API's with the token's use), which commits right after unless the database fails it then.
 */
export function countDecision(status: "APPROVED" | "DENIED"): void {
  metrics().requestsDecided.inc({ outcome: status.toLowerCase() });
}

/** A refusal of a named limit (lib/rate-limit.ts). */
export function countRateLimitRefusal(limit: RateLimitName): void {
  metrics().rateLimitRefusals.inc({ limit });
}

const globalForJobs = globalThis as unknown as { portalJobContext?: AsyncLocalStorage<JobName> };
const jobContext = (globalForJobs.portalJobContext ??= new AsyncLocalStorage<JobName>());

/**
 * Starts a job (lib/jobs/runner.ts) under its name: its polling loop's passes, timers and all,
 * run in that context, so that `countJobPass` knows whose pass it times.
 */
export function asJob<T>(name: JobName, start: () => T): T {
  return jobContext.run(name, start);
}

/** A pass of the job in whose context it ran (lib/jobs/polling-loop.ts); none outside a job. */
export function countJobPass(startedAt: number, failed: boolean): void {
  const job = jobContext.getStore();
  if (!job) return;
  const { jobPasses, jobPassSeconds } = metrics();
  jobPasses.inc({ job, result: failed ? "failed" : "ok" });
  jobPassSeconds.observe({ job }, (performance.now() - startedAt) / 1000);
}
