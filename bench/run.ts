/**
 * npm run bench [-- --quick]: the portal measured at scale (docs/benchmarks.md). A throwaway
 * PostgreSQL filled with a million requests, the production build under `next start` on loopback,
 * load from this process; prints the table and writes bench/results/latest.json and the hot
 * queries' plans to bench/results/query-plans.md.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startTestDatabase, type TestDatabase } from "@/tests/support/test-database";
import { dataSizes, generateData } from "./data";
import { explainAll, largeTableRows } from "./explain";
import { measureTrivialHandler, runF1 } from "./f1-lookup";
import { runF2 } from "./f2-pages";
import { runF3 } from "./f3-submit";
import { queueSignInEmails, runF4, setDue } from "./f4-outbox";
import { runF5 } from "./f5-first-load-js";
import { runF6 } from "./f6-access-check";
import { runF7 } from "./f7-webhooks";
import { runF8 } from "./f8-insights";
import { runF9 } from "./f9-members-import";
import { captureHotPaths } from "./hot-paths";
import { createSessions, request, type LoadResult } from "./http";
import { writeQueryPlans } from "./query-plans";
import { MB, ms, Pace, REFERENCE_TRIVIAL_RPS, Report } from "./report";
import { runRuntimeChecks } from "./runtime-checks";
import { buildApp, productionEnv, startApp, treeCpuSeconds, type RunningApp } from "./server";

const quick = process.argv.includes("--quick");
/** --only=F1,F4: run just these figures (and the data, EXPLAIN and memory checks); all by default. */
const only = process.argv
  .find((arg) => arg.startsWith("--only="))
  ?.slice("--only=".length)
  .toUpperCase()
  .split(",");
const wanted = (figure: string) => !only || only.includes(figure);
const needsApp = ["F1", "F2", "F3", "F5", "F6"].some(wanted);
/** --profile: node writes CPU profiles of next-server and F4's outbox worker (open them in Chrome DevTools) to a temp dir. */
const profileDir = process.argv.includes("--profile")
  ? mkdtempSync(path.join(os.tmpdir(), "bench-profile-"))
  : undefined;
const scale = quick ? 0.1 : 1;
const port = Number(process.env.BENCH_PORT ?? 3400);
const RSS_GOAL = 600 * 2 ** 20;
/** After the load, next-server gives memory back: below this within RSS_SETTLE_SECONDS. */
const RSS_SETTLED_GOAL = 500 * 2 ** 20;
const RSS_SETTLE_SECONDS = 60;
const RESULTS = path.join("bench", "results", "latest.json");
const QUERY_PLANS = path.join("bench", "results", "query-plans.md");
/** `--quick`'s wall time on the reference machine (see Pace), a fresh build included. */
const QUICK_WALL_SECONDS = 180;

const plan = {
  f1: { connections: 32, rounds: 5, seconds: quick ? 3 : 4, warmupSeconds: quick ? 2 : 3 },
  f2: { count: quick ? 60 : 200, concurrency: 2 },
  f3: {
    amount: quick ? 500 : 3000,
    connections: 32,
    burstSize: 20,
    rounds: quick ? 3 : 5,
    trivialSeconds: quick ? 3 : 4,
  },
  burstPairs: 10,
  f4: {
    count: quick ? 1000 : 10_000,
    batchSize: 200,
    workers: Number(process.env.BENCH_OUTBOX_WORKERS ?? os.cpus().length),
  },
  f6: { connections: 32, rounds: 5, seconds: quick ? 3 : 4, warmupSeconds: quick ? 2 : 3 },
  f7: { count: quick ? 3000 : 20_000, workers: 2, batchSize: 200 },
};

const started = performance.now();
const log = (line: string) =>
  console.log(`[bench ${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);

/** Busy CPU cores over one second, from /proc/stat: the machine's load besides the bench. */
async function busyCores(): Promise<number> {
  const sample = () => {
    const fields = readFileSync("/proc/stat", "utf8")
      .split("\n")[0]!
      .trim()
      .split(/\s+/)
      .slice(1)
      .map(Number);
    const idle = fields[3]! + fields[4]!;
    return { idle, total: fields.reduce((a, b) => a + b, 0) };
  };
  const before = sample();
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const after = sample();
  return (1 - (after.idle - before.idle) / (after.total - before.total)) * os.cpus().length;
}

/** next-server's RSS, sampled every 2 s until it is below the goal or the minute is over. */
async function settledRss(
  app: RunningApp,
  report: Report,
): Promise<{ rss: number; seconds: number }> {
  const since = performance.now();
  const samples: [number, string][] = [];
  for (;;) {
    const rss = app.currentRss();
    const seconds = Math.round((performance.now() - since) / 1000);
    samples.push([seconds, MB(rss)]);
    report.detail("rssAfterLoad", samples);
    if (rss < RSS_SETTLED_GOAL || seconds >= RSS_SETTLE_SECONDS) return { rss, seconds };
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
}

/** next-server's own account of its memory (the bench route's `?memory`), in a few words; the whole of it in the JSON. */
async function whereMemoryIs(baseUrl: string, report?: Report): Promise<string> {
  const answer = await request(`${baseUrl}/api/bench?memory`);
  if (answer.status !== 200) return `memory not readable (${answer.status})`;
  const usage = JSON.parse(answer.body.toString("utf8")) as {
    rss: number;
    heapTotal: number;
    heapUsed: number;
    external: number;
    spaces: Record<string, { size: number; used: number }>;
  };
  report?.detail("memoryAfterLoad", usage);
  const code =
    (usage.spaces.code_space?.size ?? 0) + (usage.spaces.code_large_object_space?.size ?? 0);
  return `V8 heap ${MB(usage.heapUsed)} used of ${MB(usage.heapTotal)} (code ${MB(code)}), external ${MB(usage.external)}, the rest ${MB(usage.rss - usage.heapTotal - usage.external)}`;
}

/** CPU seconds used by the whole machine (all cores) since boot, from /proc/stat. */
function machineCpuSeconds(): number {
  const fields = readFileSync("/proc/stat", "utf8")
    .split("\n")[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return (fields.reduce((a, b) => a + b, 0) - fields[3]! - fields[4]!) / 100;
}

async function one<T>(client: pg.Client, sql: string, params: unknown[] = []): Promise<T> {
  const { rows } = await client.query(sql, params);
  if (!rows[0]) throw new Error(`no row: ${sql}`);
  return rows[0] as T;
}

async function main(): Promise<void> {
  const report = new Report();
  let database: TestDatabase | undefined;
  let app: RunningApp | undefined;
  const timings: Record<string, number> = {};
  const rssByPhase: Record<string, string> = {};
  // Cores kept busy by processes other than the bench's own tree (which includes PostgreSQL,
  // next-server, the build and the outbox worker): other engineers' builds and tests.
  const otherCores: Record<string, number> = {};
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const t = performance.now();
    const machine = machineCpuSeconds();
    const ours = treeCpuSeconds(process.pid);
    log(`${name} …`);
    app?.takeWindowPeak();
    try {
      return await work();
    } finally {
      const seconds = (performance.now() - t) / 1000;
      timings[name] = Math.round(seconds * 10) / 10;
      otherCores[name] = Math.max(
        0,
        Math.round(
          ((machineCpuSeconds() - machine - (treeCpuSeconds(process.pid) - ours)) / seconds) * 100,
        ) / 100,
      );
      if (app) rssByPhase[name] = MB(app.takeWindowPeak());
    }
  };
  const background = { before: await busyCores(), loadAverage: os.loadavg() };
  log(
    `${quick ? "quick" : "full"} run; other CPU load before starting: ${background.before.toFixed(2)} cores busy, load average ${background.loadAverage.map((v) => v.toFixed(2)).join(" ")}`,
  );

  const cleanup = async () => {
    await app?.stop().catch(() => undefined);
    await database?.stop().catch(() => undefined);
  };
  process.once("SIGINT", () => void cleanup().then(() => process.exit(130)));

  let pace = new Pace();
  try {
    await phase("runtime checks", () => runRuntimeChecks(report));
    database = await phase("database", startTestDatabase);
    // F4 runs its own workers with their own SMTP sink; the limiter runs on every lookup but never refuses.
    const appEnv = productionEnv(database.url, port, {
      LOOKUP_RATE_LIMIT_PER_MINUTE: "100000000",
      BENCH_ROUTES: "on",
    });
    Object.assign(process.env, appEnv);
    const build: Promise<unknown> = needsApp ? buildApp(appEnv, log) : Promise.resolve();
    build.catch(() => undefined);
    const data = await phase("data", () => generateData(database!.url, dataSizes(scale), log));
    await phase("build (rest of)", () => build);
    report.add({
      figure: "data",
      what: "generation",
      goal: "info",
      measured: `${data.seconds.toFixed(1)} s: ${Object.entries(data.rows)
        .filter(([, n]) => n > 0)
        .map(([t, n]) => `${t} ${n.toLocaleString("en")}`)
        .join(", ")}`,
      pass: null,
    });
    const second = (phase: string) => `${(data.phases[phase] ?? NaN).toFixed(1)} s`;
    report.add({
      figure: "data",
      what: "virtual accounts (10 per account, 5 levels deep) and grants, set-based",
      goal: "info",
      measured: `${second("· virtual accounts")} for ${(data.rows.VirtualAccount ?? 0).toLocaleString("en")} virtual accounts, ${second("· virtual-account grants")} for ${(data.rows.VirtualAccountGrant ?? 0).toLocaleString("en")} grants (indexes rebuilt with the rest)`,
      pass: null,
    });

    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const f1Users = (
      await client.query<{ id: string }>(
        `SELECT "id" FROM "User" WHERE "email" NOT LIKE 'bench.%' ORDER BY "id" LIMIT ${plan.f1.connections}`,
      )
    ).rows.map((r) => r.id);
    // The submit pairs: one for the EXPLAIN capture, some for the bursts, the rest for the load.
    const [explainPair, ...pairs] = data.submitPairs;
    const burstPairs = pairs.splice(0, plan.burstPairs);
    const submitters = [...new Set(data.submitPairs.map((pair) => pair.userId))];
    const cookies = await createSessions(database.url, [
      data.hotAdminId,
      data.supportUserId,
      ...data.requesterIds,
      ...f1Users,
      ...submitters,
    ]);
    const deep = await client.query<{ createdAt: string; id: string }>(
      `SELECT to_char("createdAt", 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "createdAt", "id" FROM "AccessRequest"
        WHERE "accountId" = $1 AND "status" = 'PENDING' AND "requesterId" <> $2
        ORDER BY "createdAt", "id" OFFSET $3 LIMIT 2`,
      [data.hotAccountId, data.hotAdminId, Math.floor(data.sizes.hotPending * 0.9)],
    );
    const deepCursor = { createdAt: new Date(deep.rows[0]!.createdAt), id: deep.rows[0]!.id };
    const supportMarker = await one<{ id: string }>(
      client,
      `SELECT r."id" FROM "AccessRequest" r JOIN "User" u ON u."id" = r."requesterId" WHERE u."email" LIKE $1
        ORDER BY r."createdAt" DESC, r."id" DESC LIMIT 1`,
      [`${data.supportEmailPrefix}%`],
    );

    await queueSignInEmails(database.url, "plain", plan.f4.count);
    await setDue(client, "plain", true);
    const captured = await phase("capture hot queries", () =>
      captureHotPaths({
        url: database!.url,
        hotAccountId: data.hotAccountId,
        hotAdminId: data.hotAdminId,
        requesterId: data.requesterIds[0]!,
        supportUserId: data.supportUserId,
        lookupIdentifier: data.lookupIdentifiers[0]!,
        supportEmailPrefix: data.supportEmailPrefix,
        deepCursor,
        submitPair: explainPair!,
        sessionToken: cookies.get(data.requesterIds[0]!)!.split("=")[1]!,
        outboxBatchSize: plan.f4.batchSize,
      }),
    );
    const explained = await phase("explain", () =>
      explainAll(database!.url, captured, largeTableRows(scale)),
    );
    await setDue(client, "plain", false);
    await client.end();
    for (const { name } of captured) {
      const plans = explained.filter((e) => e.name === name || e.name.startsWith(`${name} #`));
      const seq = plans.flatMap((p) =>
        p.seqScansOnLargeTables.map((table) => `${p.name}: Seq Scan on ${table}`),
      );
      const slowest = plans.reduce((a, b) => (b.executionMs > a.executionMs ? b : a), plans[0]!);
      report.add({
        figure: "EXPLAIN",
        what: name,
        goal: `no Seq Scan on a table ≥ ${largeTableRows(scale).toLocaleString("en")} rows`,
        measured: seq.length
          ? seq.join("; ")
          : `${plans.length} statements, index only; slowest ${ms(slowest?.executionMs ?? 0)}`,
        pass: seq.length === 0 && plans.length > 0,
      });
    }
    report.detail("explain", explained);
    writeQueryPlans(QUERY_PLANS, { mode: quick ? "quick" : "full", rows: data.rows, explained });
    log(`query plans in ${QUERY_PLANS}`);

    if (needsApp)
      app = await phase("start app", () =>
        startApp({ port, env: appEnv, cpuProfileDir: profileDir }),
      );
    const requesterCookie = cookies.get(data.requesterIds[0]!)!;
    if (app && wanted("F5"))
      await phase("F5 first-load JS", () =>
        runF5(
          { baseUrl: app!.baseUrl, cookie: requesterCookie, paths: ["/requests/new", "/requests"] },
          report,
        ),
      );
    let trivial: LoadResult | undefined;
    if (app && wanted("F1"))
      trivial = await phase("F1 lookup vs trivial", () =>
        runF1(
          {
            baseUrl: app!.baseUrl,
            serverPid: app!.pid,
            cookies: f1Users.map((id) => cookies.get(id)!),
            identifiers: data.lookupIdentifiers,
            ...plan.f1,
          },
          report,
        ),
      );
    // The framework's ceiling of this run, which every goal is relative to: F1's baseline, or
    // measured on its own when F1 does not run.
    if (app && !trivial && ["F2", "F3", "F4", "F7"].some(wanted)) {
      trivial = await phase("trivial handler", () =>
        measureTrivialHandler({
          baseUrl: app!.baseUrl,
          serverPid: app!.pid,
          cookie: requesterCookie,
          connections: plan.f3.connections,
          seconds: plan.f1.rounds * plan.f1.seconds,
        }),
      );
    }
    pace = new Pace(trivial?.rps);
    report.detail("pace", {
      referenceTrivialRps: REFERENCE_TRIVIAL_RPS,
      trivialRps: trivial?.rps ?? null,
      factor: pace.factor,
    });
    if (app && wanted("F2"))
      await phase("F2 queue and search pages", () =>
        runF2(
          {
            baseUrl: app!.baseUrl,
            adminCookie: cookies.get(data.hotAdminId)!,
            supportCookie: cookies.get(data.supportUserId)!,
            hotAccountId: data.hotAccountId,
            deepCursor,
            deepPageMarker: `/admin/requests/${deep.rows[1]!.id}`,
            supportEmailPrefix: data.supportEmailPrefix,
            supportMarker: `/support/requests/${supportMarker.id}`,
            pace,
            ...plan.f2,
          },
          report,
        ),
      );
    if (app && wanted("F6"))
      await phase("F6 access check vs trivial", () =>
        runF6(
          {
            baseUrl: app!.baseUrl,
            serverPid: app!.pid,
            dbUrl: database!.url,
            adminId: data.hotAdminId,
            ...plan.f6,
          },
          report,
        ),
      );
    const f4 = {
      dbUrl: database.url,
      batchSize: plan.f4.batchSize,
      workers: plan.f4.workers,
      timeoutSeconds: 900,
      cpuProfileDir: profileDir,
      pace,
    };
    // Judged with one worker process per core, as docs/deploy.md's "The outbox workers" sizes them.
    if (wanted("F4"))
      await phase("F4 outbox drain", () =>
        runF4(
          {
            ...f4,
            count: plan.f4.count,
            batch: "plain",
            smtpOptions: "",
            label: `${plan.f4.workers} worker(s)`,
            judged: true,
          },
          report,
        ),
      );
    // One worker alone, for comparison (what a single app server's own worker does): half the mail.
    if (wanted("F4") && plan.f4.workers !== 1) {
      await queueSignInEmails(database.url, "single", plan.f4.count / 2);
      await phase("F4 outbox drain (one worker)", () =>
        runF4(
          {
            ...f4,
            workers: 1,
            count: plan.f4.count / 2,
            batch: "single",
            smtpOptions: "",
            label: "1 worker",
            judged: false,
          },
          report,
        ),
      );
    }
    if (wanted("F7"))
      await phase("F7 webhook deliveries", () =>
        runF7({ dbUrl: database!.url, timeoutSeconds: 300, pace, ...plan.f7 }, report),
      );
    if (wanted("F8"))
      await phase("F8 insights", () =>
        runF8(
          {
            dbUrl: database!.url,
            pace,
            accountId: data.hotAccountId,
            adminId: data.hotAdminId,
          },
          report,
        ),
      );
    if (wanted("F9"))
      await phase("F9 adding 1,000 people", () => runF9({ dbUrl: database!.url, pace }, report));
    if (app && wanted("F3")) {
      const baseline = (seconds: number) =>
        measureTrivialHandler({
          baseUrl: app!.baseUrl,
          serverPid: app!.pid,
          cookie: requesterCookie,
          connections: plan.f3.connections,
          seconds,
        });
      await phase("F3 submits", () =>
        runF3(
          {
            baseUrl: app!.baseUrl,
            serverPid: app!.pid,
            dbUrl: database!.url,
            cookies,
            pairs,
            burstPairs,
            trivial: baseline,
            ...plan.f3,
          },
          report,
        ),
      );
    }

    const peak = app?.peakRss() ?? 0;
    if (app)
      report.add({
        figure: "memory",
        what: "next-server peak RSS (process tree)",
        goal: `≤ ${MB(RSS_GOAL)}`,
        measured: MB(peak),
        pass: peak <= RSS_GOAL,
      });
    if (app) {
      const settled = await phase("memory after the load", () => settledRss(app!, report));
      report.add({
        figure: "memory",
        what: "next-server RSS once the load is over",
        goal: `< ${MB(RSS_SETTLED_GOAL)} within ${RSS_SETTLE_SECONDS} s`,
        measured: `${MB(settled.rss)} after ${settled.seconds} s; ${await whereMemoryIs(app.baseUrl, report)}`,
        pass: settled.rss < RSS_SETTLED_GOAL,
      });
    }
    report.detail("serverOutput", app?.output().slice(-5000));
    report.detail("rssPeakByPhase", rssByPhase);
  } catch (error) {
    report.add({
      figure: "run",
      what: "bench",
      goal: "completes",
      measured: String(error instanceof Error ? error.message : error).slice(0, 300),
      pass: false,
    });
    console.error(error);
    if (app) {
      console.error(app.output().slice(-3000));
      report.detail("serverOutput", app.output().slice(-5000));
      report.detail("rssPeakByPhase", rssByPhase);
    }
  } finally {
    await cleanup();
  }

  const after = await busyCores();
  const busiest = Object.entries(otherCores).reduce<[string, number]>(
    (a, b) => (b[1] > a[1] ? b : a),
    ["", 0],
  );
  report.add({
    figure: "run",
    what: "other processes' CPU during the run",
    goal: "info (2 cores)",
    measured: `${background.before.toFixed(2)} cores before; up to ${busiest[1].toFixed(2)} during (${busiest[0] || "—"})`,
    pass: null,
  });
  const total = (performance.now() - started) / 1000;
  report.add({
    figure: "run",
    what: quick ? "--quick wall time" : "wall time",
    goal: quick
      ? `< ${pace.explain("180 s", `${pace.time(QUICK_WALL_SECONDS).toFixed(0)} s`)}`
      : "info",
    measured: `${total.toFixed(0)} s`,
    pass: quick ? total < pace.time(QUICK_WALL_SECONDS) : null,
  });
  report.write(RESULTS, {
    mode: quick ? "quick" : "full",
    scale,
    plan,
    timings,
    background: { ...background, after, otherCoresByPhase: otherCores },
    finishedAt: new Date().toISOString(),
  });
  console.log(`\n${report.table()}\n`);
  log(
    `other CPU load: ${background.before.toFixed(2)} cores busy before, ${after.toFixed(2)} after; results in ${RESULTS}`,
  );
  if (profileDir) log(`CPU profiles (next-server, outbox worker) in ${profileDir}`);
  process.exit(report.passed ? 0 : 1);
}

void main();
