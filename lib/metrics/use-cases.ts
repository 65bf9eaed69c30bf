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

type DecidedStatus = "APPROVED" | "DENIED";

/**
 * Counts a decision (portal_access_requests_decided_total) once its transaction has committed: the
 * API's door calls it after its own transaction (lib/api/requests.ts); the UI's mutations are
 * wrapped by countDecisions.
 */
export function countDecision(status: DecidedStatus): void {
  metrics().requestsDecided.inc({ outcome: status.toLowerCase() });
}

/**
 * Counts what a deciding mutation decided, once `execute`'s transaction has committed (a refusal
 * or a lost race throws or decides nothing, and counts nothing).
 */
export function countDecisions<Output>(
  mutation: Mutation<ZodType, Output>,
  decided: (output: Output) => DecidedStatus[],
): void {
  const execute = mutation.execute.bind(mutation);
  mutation.execute = async (actor, rawInput) => {
    const result = await execute(actor, rawInput);
    for (const status of decided(result)) countDecision(status);
    return result;
  };
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
