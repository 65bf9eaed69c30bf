/**
 * The background jobs by name, in the order they start (what `JOBS` accepts). A module of its own,
 * without imports, so that lib/env.ts can validate `JOBS` without loading the jobs themselves.
 */
export const JOB_NAMES = [
  "outbox",
  "webhooks",
  "request-sweep",
  "membership-sweep",
  "retention",
  "insights-rollup",
] as const;

export type JobName = (typeof JOB_NAMES)[number];
