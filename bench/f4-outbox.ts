/**
 * F4: the outbox drained by the app's worker (lib/mail/worker.ts, in a process of its own) into a
 * real SMTP server on loopback (./smtp-sink.ts: `smtp-server`, as the tests' mail catcher, without
 * parsing the mail). Each queued email carries a unique token in its link, so the mail received
 * proves that each was delivered exactly once. Timed from the moment the emails become due (the
 * worker already running) to the last one received.
 */
import { spawn } from "node:child_process";
import pg from "pg";
import { perSecond, type Pace, type Report } from "./report";
import { treeCpuSeconds } from "./server";
import { startSmtpSink } from "./smtp-sink";

/** On the reference machine (see Pace). */
const MAILS_GOAL = 500;

/** The address of the bench's n-th sign-in email of a batch: it names the batch and n. */
const batchAddresses = (batch: string) => `bench-${batch}-%@bench.example`;

/**
 * The payload of the bench's sign-in email to `to` (SQL of the address column): its link carries
 * `${batch}-${n}`, read back from the address. The worker empties a sign-in email's payload once it
 * is sent; the address stays, which is why the batch is found by address.
 */
export function signInPayloadSql(to: string): string {
  return `jsonb_build_object('url', 'http://localhost:3400/api/auth/callback/email?token=' || substring(${to} from '^bench-(.*)@bench[.]example$'), 'minutes', 15)`;
}

/**
 * Queues `count` sign-in emails whose links carry `${batch}-${n}`, not yet due: runF4 makes them due
 * once its worker is up.
 */
export async function queueSignInEmails(
  dbUrl: string,
  batch: string,
  count: number,
): Promise<void> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "EmailMessage" ("id", "to", "template", "locale", "payload", "status", "nextAttemptAt")
       SELECT gen_random_uuid()::text, t."to", 'sign-in', (CASE WHEN t.n % 5 = 0 THEN 'fr' ELSE 'en' END)::"Locale",
              ${signInPayloadSql('t."to"')}, 'QUEUED', now() + interval '1 day'
         FROM (SELECT n, 'bench-' || $1::text || '-' || n || '@bench.example' AS "to" FROM generate_series(1, $2::int) AS n) t`,
      [batch, count],
    );
  } finally {
    await client.end();
  }
}

/** The batch's emails become due now, or not before tomorrow (the claim's EXPLAIN wants a due backlog). */
export async function setDue(client: pg.Client, batch: string, due: boolean): Promise<void> {
  await client.query(
    `UPDATE "EmailMessage" SET "nextAttemptAt" = now() + $2::interval
      WHERE "template" = 'sign-in' AND "status" = 'QUEUED' AND "to" LIKE $1`,
    [batchAddresses(batch), due ? "0" : "1 day"],
  );
}

/**
 * How many of the batch's emails are still QUEUED: read through the outbox's partial index of queued
 * rows, so that polling it ten times a second costs PostgreSQL next to nothing (statusCounts reads
 * the whole table, 1.7M rows in a full run, and would compete with the worker for the 2 cores).
 */
async function queuedCount(client: pg.Client, batch: string): Promise<number> {
  const { rows } = await client.query<{ n: string }>(
    `SELECT count(*) AS n FROM "EmailMessage"
      WHERE "status" = 'QUEUED' AND "template" = 'sign-in' AND "to" LIKE $1`,
    [batchAddresses(batch)],
  );
  return Number(rows[0]!.n);
}

async function statusCounts(client: pg.Client, batch: string): Promise<Record<string, number>> {
  const { rows } = await client.query<{ status: string; n: string }>(
    `SELECT "status", count(*) AS n FROM "EmailMessage" WHERE "template" = 'sign-in' AND "to" LIKE $1 GROUP BY "status"`,
    [batchAddresses(batch)],
  );
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.n)]));
}

export interface F4Input {
  dbUrl: string;
  batch: string;
  count: number;
  batchSize: number;
  /** Query string added to the SMTP URL (e.g. "?pool=false"), "" for the URL as an operator writes it. */
  smtpOptions: string;
  label: string;
  /** false: reported, not judged. */
  judged: boolean;
  timeoutSeconds: number;
  /** Worker processes, each like one `npm run worker` (or one app server's worker). */
  workers: number;
  /** With --profile: node writes a .cpuprofile of each worker here when it exits. */
  cpuProfileDir?: string;
  pace: Pace;
}

export async function runF4(input: F4Input, report: Report): Promise<void> {
  const tokens = new Map<string, number>();
  const arrivals: number[] = [];
  const tokenPattern = new RegExp(`token=(${input.batch}-\\d+)`);
  // Mail the bench did not queue (e.g. the administrators' notice of the one submit the EXPLAIN
  // capture made) is delivered too, and counted apart.
  const others: string[] = [];
  const catcher = await startSmtpSink((mail) => {
    const token = tokenPattern.exec(mail.raw)?.[1];
    if (!token)
      return void others.push(
        `${mail.to.join(",")}: ${/^Subject: (.*)$/m.exec(mail.raw)?.[1] ?? ""}`,
      );
    arrivals.push(performance.now());
    tokens.set(token, (tokens.get(token) ?? 0) + 1);
  });
  const client = new pg.Client({ connectionString: input.dbUrl });
  await client.connect();
  const spawned = performance.now();
  const profile = input.cpuProfileDir
    ? ["--cpu-prof", `--cpu-prof-dir=${input.cpuProfileDir}`]
    : [];
  const workers = Array.from({ length: input.workers }, () =>
    spawn(process.execPath, [...profile, "--import", "tsx", "bench/outbox-worker.ts"], {
      env: {
        ...process.env,
        SMTP_URL: `${catcher.url}${input.smtpOptions}`,
        BENCH_OUTBOX_BATCH: String(input.batchSize),
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "inherit"],
    }),
  );
  await Promise.all(
    workers.map(
      (worker) =>
        new Promise<void>((resolve, reject) => {
          worker.stdout!.on(
            "data",
            (chunk: Buffer) => chunk.toString().includes("ready") && resolve(),
          );
          worker.once("exit", (code) =>
            reject(new Error(`outbox worker exited with code ${code}`)),
          );
        }),
    ),
  );
  const startSeconds = (performance.now() - spawned) / 1000;
  const workersCpu = () => workers.reduce((sum, worker) => sum + treeCpuSeconds(worker.pid!), 0);
  const workerCpuBefore = workersCpu();
  const benchCpuBefore = process.cpuUsage();
  // The bench's process tree: this process, the worker, PostgreSQL.
  const treeCpuBefore = treeCpuSeconds(process.pid);
  await setDue(client, input.batch, true);
  const started = performance.now();
  let workerCpu = NaN;
  let treeCpu = NaN;
  let benchCpu = { user: NaN, system: NaN };
  let counts: Record<string, number> = {};
  try {
    const deadline = started + input.timeoutSeconds * 1000;
    while (performance.now() < deadline) {
      if ((await queuedCount(client, input.batch)) === 0) {
        counts = await statusCounts(client, input.batch);
        if (arrivals.length >= (counts.SENT ?? 0)) break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    workerCpu = workersCpu() - workerCpuBefore;
    treeCpu = treeCpuSeconds(process.pid) - treeCpuBefore;
    benchCpu = process.cpuUsage(benchCpuBefore);
  } finally {
    const exited = workers.map((worker) => new Promise((resolve) => worker.once("exit", resolve)));
    for (const worker of workers) worker.kill("SIGTERM");
    await Promise.all(exited);
    counts = await statusCounts(client, input.batch);
    await client.end();
    await catcher.stop();
  }
  // From the moment the emails became due to the last one received.
  const drainSeconds = arrivals.length ? (arrivals.at(-1)! - started) / 1000 : NaN;
  const rate = arrivals.length ? arrivals.length / drainSeconds : 0;
  const sent = counts.SENT ?? 0;
  const failed = counts.FAILED ?? 0;
  const doubled = [...tokens.values()].filter((n) => n > 1).length;
  const complete =
    sent + failed === input.count &&
    !counts.QUEUED &&
    tokens.size === sent &&
    doubled === 0 &&
    arrivals.length === sent;

  const goal = input.pace.rate(MAILS_GOAL);
  report.add({
    figure: "F4",
    what: `outbox drain, ${input.label}`,
    goal: input.judged
      ? `≥ ${input.pace.explain(perSecond(MAILS_GOAL), perSecond(goal))} mails`
      : "info",
    measured: `${perSecond(rate)} (${input.count} in ${drainSeconds.toFixed(1)} s, batches of ${input.batchSize}, ${input.workers} worker${input.workers > 1 ? "s" : ""})`,
    pass: input.judged ? rate >= goal : null,
  });
  report.add({
    figure: "F4",
    what: `sent + failed = queued, ${input.label}`,
    goal: "equal; each once",
    measured: `${sent} + ${failed} = ${sent + failed} of ${input.count}; ${arrivals.length} received, ${tokens.size} distinct, ${doubled} twice`,
    pass: complete,
  });
  report.detail(`f4 ${input.label}`, {
    counts,
    received: arrivals.length,
    distinct: tokens.size,
    doubled,
    otherMail: others.slice(0, 20),
    rate,
    drainSeconds,
    workerStartSeconds: startSeconds,
    batchSize: input.batchSize,
    workers: input.workers,
    cpuMsPerMail: {
      worker: (workerCpu * 1000) / input.count,
      smtpServerAndBench: (benchCpu.user + benchCpu.system) / 1000 / input.count,
      postgres:
        ((treeCpu - workerCpu) * 1000 - (benchCpu.user + benchCpu.system) / 1000) / input.count,
    },
  });
}
