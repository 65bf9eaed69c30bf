import { firstWeekToRoll, isSettled, keepWeek } from "@/lib/db/sql/insights";
import { startPollingLoop, type PollingLoop } from "@/lib/jobs/polling-loop";
import { DAY_MS } from "@/lib/time";
import { keptWeekOf, liveFigures } from "./figures";
import { weekName, WEEK_MS } from "./weeks";

/**
 * How long after its end a week may be kept: no transaction that began in it is still running,
 * and the request sweep has expired what was due in it.
 */
export const SETTLE_MS = DAY_MS;

/** Weeks kept per pass: a first pass over years of history does not hold the worker for long. */
const WEEKS_PER_PASS = 26;

/**
 * The insights rollup (job `insights-rollup`): keeps the figures of every account for each settled
 * week, oldest first and without gaps, from the week of the oldest request — a week that ended
 * SETTLE_MS ago and holds nothing that can still change (isSettled): no pending request, queued
 * email or queued webhook delivery created in it. Stops at the first week that is not settled; the
 * insights count it and everything after it live. The figures are the live statements' over that
 * week (lib/insights/figures.ts), so a kept week says what a live count would have said. Several
 * processes may run it at once: a week is inserted once (ON CONFLICT DO NOTHING) and any of them
 * computes the same figures. Returns how many weeks this pass kept.
 */
export async function rollUpSettledWeeks(
  now: Date = new Date(),
  maxWeeks = WEEKS_PER_PASS,
): Promise<number> {
  let monday = await firstWeekToRoll();
  let kept = 0;
  while (monday && kept < maxWeeks && monday.getTime() + WEEK_MS <= now.getTime() - SETTLE_MS) {
    const range = { from: monday, to: new Date(monday.getTime() + WEEK_MS) };
    if (!(await isSettled(range))) break;
    await keepWeek(keptWeekOf(weekName(monday), await liveFigures(range, null, true)));
    kept += 1;
    monday = range.to;
  }
  return kept;
}

/** The rollup every `intervalMs` (hourly, INSIGHTS_ROLLUP_MS), and again at once after a full pass. */
export function startInsightsRollup(intervalMs: number): PollingLoop {
  return startPollingLoop({
    pass: async () => (await rollUpSettledWeeks()) >= WEEKS_PER_PASS,
    intervalMs,
    retryMs: 60_000,
    failureMessage: "insights rollup could not reach the database; retrying",
  });
}
