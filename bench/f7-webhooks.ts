/**
 * F7: webhook deliveries drained by the app's webhook worker (two processes, like two app servers
 * or `npm run worker`s) into a real HTTP receiver on loopback. Every delivery has its own
 * webhook-id: the receiver proves each arrived exactly once, and checks a sample of signatures with
 * the reference library (standardwebhooks). Timed from the moment the deliveries become due (the
 * workers already running) to the last one received.
 */
import { spawn } from "node:child_process";
import http from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { Webhook } from "standardwebhooks";
import { newWebhookSecret } from "@/lib/webhooks/signing";
import { perSecond, type Pace, type Report } from "./report";

/** On the reference machine (see Pace). */
const DELIVERIES_GOAL = 500;
/** One delivery in this many has its signature verified by the receiver (all would cost the bench's CPU, not the worker's). */
const VERIFY_EVERY = 25;

export interface F7Input {
  dbUrl: string;
  count: number;
  workers: number;
  batchSize: number;
  timeoutSeconds: number;
  pace: Pace;
}

async function receiver(secret: string) {
  const seen = new Map<string, number>();
  const arrivals: number[] = [];
  let badSignatures = 0;
  const verifier = new Webhook(secret);
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const id = String(request.headers["webhook-id"]);
      seen.set(id, (seen.get(id) ?? 0) + 1);
      arrivals.push(performance.now());
      if (arrivals.length % VERIFY_EVERY === 0) {
        try {
          verifier.verify(
            Buffer.concat(chunks).toString("utf8"),
            request.headers as Record<string, string>,
          );
        } catch {
          badSignatures += 1;
        }
      }
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`,
    seen,
    arrivals,
    bad: () => badSignatures,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export async function runF7(input: F7Input, report: Report): Promise<void> {
  const secret = newWebhookSecret();
  const sink = await receiver(secret);
  const client = new pg.Client({ connectionString: input.dbUrl });
  await client.connect();
  const { rows } = await client.query<{ id: string }>(
    `INSERT INTO "WebhookEndpoint" ("id", "accountId", "url", "events", "secret", "createdById", "updatedAt")
     SELECT gen_random_uuid()::text, a."id", $1, ARRAY['request.created'], $2, (SELECT "id" FROM "User" ORDER BY "id" LIMIT 1), now()
       FROM (SELECT "id" FROM "Account" ORDER BY "id" LIMIT 10) a
     RETURNING "id"`,
    [sink.url, secret],
  );
  await client.query(
    `INSERT INTO "WebhookDelivery" ("id", "endpointId", "eventType", "payload", "nextAttemptAt")
     SELECT gen_random_uuid()::text, ($1::text[])[1 + n % array_length($1::text[], 1)], 'request.created',
            jsonb_build_object('type', 'request.created', 'timestamp', now(), 'data', jsonb_build_object('n', n)), now() + interval '1 day'
       FROM generate_series(1, $2::int) AS n`,
    [rows.map((row) => row.id), input.count],
  );
  const workers = Array.from({ length: input.workers }, () =>
    spawn(process.execPath, ["--import", "tsx", "bench/webhook-worker.ts"], {
      env: { ...process.env, BENCH_WEBHOOK_BATCH: String(input.batchSize), LOG_LEVEL: "warn" },
      stdio: ["ignore", "pipe", "inherit"],
    }),
  );
  const counts: Record<string, number> = {};
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            worker.stdout!.on(
              "data",
              (chunk: Buffer) => chunk.toString().includes("ready") && resolve(),
            );
            worker.once("exit", (code) =>
              reject(new Error(`webhook worker exited with code ${code}`)),
            );
          }),
      ),
    );
    await client.query(
      `UPDATE "WebhookDelivery" SET "nextAttemptAt" = now() WHERE "status" = 'QUEUED'`,
    );
    const started = performance.now();
    const deadline = started + input.timeoutSeconds * 1000;
    while (performance.now() < deadline) {
      const {
        rows: [queued],
      } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM "WebhookDelivery" WHERE "status" = 'QUEUED'`,
      );
      if (queued!.n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const drainSeconds = sink.arrivals.length ? (sink.arrivals.at(-1)! - started) / 1000 : NaN;
    const rate = sink.arrivals.length / drainSeconds;
    const { rows: statuses } = await client.query<{ status: string; n: number }>(
      `SELECT "status"::text, count(*)::int AS n FROM "WebhookDelivery" GROUP BY 1`,
    );
    for (const row of statuses) counts[row.status] = row.n;
    const twice = [...sink.seen.values()].filter((n) => n > 1).length;
    report.add({
      figure: "F7",
      what: `webhook deliveries to a local receiver, ${input.workers} workers`,
      goal: `≥ ${input.pace.explain(perSecond(DELIVERIES_GOAL), perSecond(input.pace.rate(DELIVERIES_GOAL)))} deliveries`,
      measured: `${perSecond(rate)} (${input.count} in ${drainSeconds.toFixed(1)} s, batches of ${input.batchSize})`,
      pass: rate >= input.pace.rate(DELIVERIES_GOAL),
    });
    report.add({
      figure: "F7",
      what: "each delivered once, signatures verified (sample)",
      goal: "all DELIVERED, none twice, none badly signed",
      measured: `${counts.DELIVERED ?? 0} DELIVERED of ${input.count}; ${sink.seen.size} distinct received, ${twice} twice; ${sink.bad()} bad of ${Math.floor(sink.arrivals.length / VERIFY_EVERY)} verified`,
      pass:
        counts.DELIVERED === input.count &&
        sink.seen.size === input.count &&
        twice === 0 &&
        sink.bad() === 0,
    });
    report.detail("f7", {
      counts,
      received: sink.arrivals.length,
      distinct: sink.seen.size,
      twice,
      rate,
      drainSeconds,
    });
  } finally {
    const exited = workers.map((worker) => new Promise((resolve) => worker.once("exit", resolve)));
    for (const worker of workers) worker.kill("SIGTERM");
    await Promise.all(exited);
    await client.end();
    await sink.stop();
  }
}
