/**
 * F8: the insights page's read (issue 29) at the bench's size (1M requests over two years, 100k
 * accounts): support staff over every account for 30, 90 and 365 days, one account (the busiest)
 * and an administrator's accounts for 365 days, each `runs` times in a row after two warm-up calls;
 * p95 against the goal. Also what the rollup changes: every account's year counted live before
 * its first pass, and how long the first passes take over two years of history. The app's own
 * code in a process of its own against the bench database (bench/insights-child.ts). Alone:
 * `npx tsx bench/f8-insights.ts` (a throwaway database with the bench's data at --scale, 0.1 by default).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { runAppChild } from "./app-child";
import { ms, Pace, Report } from "./report";

/** On the reference machine (see Pace): issue 29's goal. */
const P95_GOAL_MS = 200;
const RUNS = 40;

export interface F8Input {
  dbUrl: string;
  pace: Pace;
  /** The busiest account, and an administrator of several accounts (bench/data.ts). */
  accountId: string;
  adminId: string;
}

interface Timing {
  p50: number;
  p95: number;
  max: number;
  sent: number;
}

interface Measured {
  requests: number;
  live365: Timing;
  weeksKept: number;
  rollupMs: number;
  cases: Record<"all30" | "all90" | "all365" | "account365" | "admin365", Timing>;
}

/** A support user to read as (the bench data has none). */
async function prepare(dbUrl: string): Promise<string> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const id = `bench-f8-support-${randomBytes(4).toString("hex")}`;
    await client.query(
      `INSERT INTO "User" ("id", "email", "firstName", "lastName", "platformRole", "updatedAt")
       VALUES ($1, $1 || '@example.com', 'Sam', 'Support', 'SUPPORT', now())`,
      [id],
    );
    // What the worker's rollup kept on an earlier run of this database, so that F8 measures the
    // first passes too.
    await client.query(`DELETE FROM "InsightsWeek"`);
    return id;
  } finally {
    await client.end();
  }
}

const timing = (t: Timing) =>
  `p50 ${ms(t.p50)}, p95 ${ms(t.p95)}, max ${ms(t.max)} (${t.sent.toLocaleString("en")} requests sent in the period)`;

export async function runF8(input: F8Input, report: Report): Promise<void> {
  const supportId = await prepare(input.dbUrl);
  const measured = await runAppChild<Measured>(
    "bench/insights-child.ts",
    input.dbUrl,
    "BENCH_F8_INPUT",
    { supportId, adminId: input.adminId, accountId: input.accountId, runs: RUNS },
  );
  const goal = input.pace.time(P95_GOAL_MS);
  const goalText = `p95 ≤ ${input.pace.explain(ms(P95_GOAL_MS), ms(goal))}`;
  const size = `${measured.requests.toLocaleString("en")} requests`;
  const cases: [keyof Measured["cases"], string][] = [
    ["all30", `every account (support), 30 days, ${size}`],
    ["all90", "every account (support), 90 days"],
    ["all365", "every account (support), 365 days"],
    ["account365", "one account, the busiest (support's filter), 365 days"],
    ["admin365", "an administrator's accounts, 365 days"],
  ];
  for (const [key, what] of cases) {
    report.add({
      figure: "F8",
      what: `insights: ${what}, ${RUNS} reads`,
      goal: goalText,
      measured: timing(measured.cases[key]),
      pass: measured.cases[key].p95 <= goal,
    });
  }
  report.add({
    figure: "F8",
    what: "every account, 365 days, before the rollup's first pass (all counted live)",
    goal: "info",
    measured: timing(measured.live365),
    pass: null,
  });
  report.add({
    figure: "F8",
    what: "the rollup's first passes (job insights-rollup) over the whole history",
    goal: "info",
    measured: `${measured.weeksKept} weeks kept in ${ms(measured.rollupMs)}`,
    pass: null,
  });
  report.detail("f8", measured);
}

// Alone, on a throwaway database: `npx tsx bench/f8-insights.ts [--scale=1]`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { startTestDatabase } = await import("@/tests/support/test-database");
  const { dataSizes, generateData } = await import("./data");
  const scaleArg = process.argv.find((arg) => arg.startsWith("--scale="));
  const database = await startTestDatabase();
  try {
    const data = await generateData(
      database.url,
      dataSizes(scaleArg ? Number(scaleArg.slice("--scale=".length)) : 0.1),
      console.log,
    );
    const report = new Report();
    await runF8(
      {
        dbUrl: database.url,
        pace: new Pace(),
        accountId: data.hotAccountId,
        adminId: data.hotAdminId,
      },
      report,
    );
    console.log(report.table());
  } finally {
    await database.stop();
  }
}
