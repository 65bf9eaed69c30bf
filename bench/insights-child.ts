/**
 * F8's process (bench/f8-insights.ts): the app's own insights read (lib/insights/read.ts) against
 * the bench database, as the insights page calls it. First every account's 365 days counted live
 * (no week kept yet: what the page costs before the rollup's first pass), then the rollup's first
 * passes (lib/insights/rollup.ts, as the worker runs them), then each case `runs` times in a row.
 * Prints one JSON line with the durations.
 */
import { db } from "@/lib/db/client";
import { insightsFor } from "@/lib/insights/read";
import { rollUpSettledWeeks } from "@/lib/insights/rollup";
import type { InsightsPeriod } from "@/lib/insights/types";

const input = JSON.parse(process.env.BENCH_F8_INPUT!) as {
  supportId: string;
  adminId: string;
  accountId: string;
  runs: number;
};

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};

async function measure(viewerId: string, period: InsightsPeriod, accountId: string | null) {
  const call = () => insightsFor({ id: viewerId }, { period, accountId });
  const first = await call();
  if (!first) throw new Error(`F8: no insights for ${viewerId} ${accountId ?? "all"}`);
  await call();
  const times: number[] = [];
  for (let n = 0; n < input.runs; n += 1) times.push(await timed(call));
  const sent = first.outcomes.reduce(
    (sum, week) => sum + week.approved + week.denied + week.withdrawn + week.expired + week.pending,
    0,
  );
  return { p50: percentile(times, 50), p95: percentile(times, 95), max: Math.max(...times), sent };
}

const live365 = await measure(input.supportId, 365, null);
let weeksKept = 0;
const rollupMs = await timed(async () => {
  for (;;) {
    const kept = await rollUpSettledWeeks();
    if (kept === 0) break;
    weeksKept += kept;
  }
});
const cases = {
  all30: await measure(input.supportId, 30, null),
  all90: await measure(input.supportId, 90, null),
  all365: await measure(input.supportId, 365, null),
  account365: await measure(input.supportId, 365, input.accountId),
  admin365: await measure(input.adminId, 365, null),
};
const requests = await db.accessRequest.count();
process.stdout.write(`${JSON.stringify({ requests, live365, weeksKept, rollupMs, cases })}\n`);
await db.$disconnect();
