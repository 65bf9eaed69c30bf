/**
 * Talking to the app as a browser does: session cookies, server actions called the way the React
 * client calls them, and latency measured request by request.
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import autocannon from "autocannon";
import pg from "pg";
import { BENCH_DIST_DIR, treeCpuSeconds } from "./server";

export const SESSION_COOKIE = "next-auth.session-token";

/** Real next-auth database sessions (the cookie holds the token, the row says whose it is). */
export async function createSessions(url: string, userIds: string[]): Promise<Map<string, string>> {
  const cookies = new Map<string, string>();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const tokens = userIds.map(() => randomBytes(32).toString("hex"));
    await client.query(
      `INSERT INTO "Session" ("id", "sessionToken", "userId", "expires")
       SELECT gen_random_uuid()::text, token, "userId", now() + interval '30 days'
         FROM unnest($1::text[], $2::text[]) AS s(token, "userId")`,
      [tokens, userIds],
    );
    userIds.forEach((userId, i) => cookies.set(userId, `${SESSION_COOKIE}=${tokens[i]}`));
  } finally {
    await client.end();
  }
  return cookies;
}

/** A server action's id, from the build's manifest (the bench's build unless told), by file and exported name. */
export function serverActionId(
  file: string,
  exportedName: string,
  distDir = BENCH_DIST_DIR,
): string {
  const manifest = JSON.parse(
    readFileSync(path.join(distDir, "server", "server-reference-manifest.json"), "utf8"),
  ) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(
    ([, entry]) => entry.filename === file && entry.exportedName === exportedName,
  );
  if (!found)
    throw new Error(`Server action ${exportedName} of ${file} is not in the build's manifest`);
  return found[0];
}

/** The headers React's client sends with a server action call from a page. */
export function actionHeaders(
  baseUrl: string,
  actionId: string,
  cookie: string,
): Record<string, string> {
  return {
    accept: "text/x-component",
    "content-type": "text/plain;charset=UTF-8",
    "next-action": actionId,
    origin: baseUrl,
    host: new URL(baseUrl).host,
    cookie,
  };
}

/**
 * The action's return value from a React Server Components (flight) response: row 0 names the row
 * that holds it (`"a":"$@1"`).
 */
export function actionResult(body: string): unknown {
  const rows = new Map<string, string>();
  for (const line of body.split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0) rows.set(line.slice(0, colon), line.slice(colon + 1));
  }
  try {
    const root = JSON.parse(rows.get("0") ?? "null") as { a?: string } | null;
    const ref = root?.a?.startsWith("$@") ? root.a.slice(2) : null;
    return ref && rows.has(ref) ? JSON.parse(rows.get(ref)!) : undefined;
  } catch {
    return undefined;
  }
}

export interface LoadResult {
  requests: number;
  /** CPU the app server (process tree `cpuPid`) spent per request, when given. */
  serverCpuMsPerRequest?: number;
  seconds: number;
  rps: number;
  p50: number;
  p97_5: number;
  p99: number;
  max: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface LoadOptions {
  url: string;
  connections: number;
  /** Seconds, or omit with `amount`. */
  duration?: number;
  amount?: number;
  method?: "GET" | "POST";
  path?: string;
  setupRequest?: (request: autocannon.Request) => autocannon.Request;
  onResponse?: (status: number, body: string) => void;
  /** The app server's pid, to account its CPU time per request. */
  cpuPid?: number;
}

/** autocannon, bounded in time and count, on loopback. */
export async function load(options: LoadOptions): Promise<LoadResult> {
  const hostname = new URL(options.url).hostname;
  if (!["localhost", "127.0.0.1"].includes(hostname))
    throw new Error("The bench only drives loopback addresses");
  // autocannon reads a key that is present but undefined as set (and then fails): only defined keys.
  const request: autocannon.Request = { method: options.method ?? "GET" };
  if (options.path) request.path = options.path;
  if (options.setupRequest) request.setupRequest = options.setupRequest;
  if (options.onResponse) request.onResponse = (status, body) => options.onResponse!(status, body);
  const cpuBefore = options.cpuPid ? treeCpuSeconds(options.cpuPid) : 0;
  // Timed to the last answer: autocannon ends a run (its `finish`) on its next one-second tick, so
  // a run bounded by count (F3's slices) would last a whole number of seconds, up to one too many.
  const started = performance.now();
  let lastAnswer = started;
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const run = autocannon(
      {
        url: options.url,
        connections: options.connections,
        ...(options.amount ? { amount: options.amount } : { duration: options.duration ?? 60 }),
        timeout: 30,
        requests: [request],
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    run.on("response", () => {
      lastAnswer = performance.now();
    });
  });
  const seconds = (lastAnswer - started) / 1000;
  const requests = result.requests.total;
  const cpu = options.cpuPid ? treeCpuSeconds(options.cpuPid) - cpuBefore : NaN;
  return {
    requests,
    ...(options.cpuPid && requests ? { serverCpuMsPerRequest: (cpu * 1000) / requests } : {}),
    seconds,
    rps: requests / seconds,
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    max: result.latency.max,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

/** A route measured against a baseline in alternating windows (comparePaired). */
export interface PairedResult {
  /** Both sides over all their windows: requests ÷ seconds, CPU per request; latencies are the windows' medians. */
  baseline: LoadResult;
  route: LoadResult;
  /** The median of the windows' route ÷ baseline requests/s. */
  rateRatio: number;
  /** The median of the windows' route p99 ÷ baseline p99. */
  p99Ratio: number;
  rounds: { baseline: LoadResult; route: LoadResult }[];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** Several windows of one load as one: totals summed, latencies the windows' medians. */
function combined(windows: LoadResult[]): LoadResult {
  const sum = (pick: (result: LoadResult) => number) =>
    windows.reduce((total, result) => total + pick(result), 0);
  const requests = sum((result) => result.requests);
  const seconds = sum((result) => result.seconds);
  const cpu = windows.every((result) => result.serverCpuMsPerRequest !== undefined)
    ? {
        serverCpuMsPerRequest:
          sum((result) => result.serverCpuMsPerRequest! * result.requests) / requests,
      }
    : {};
  return {
    requests,
    ...cpu,
    seconds,
    rps: requests / seconds,
    p50: median(windows.map((result) => result.p50)),
    p97_5: median(windows.map((result) => result.p97_5)),
    p99: median(windows.map((result) => result.p99)),
    max: Math.max(...windows.map((result) => result.max)),
    non2xx: sum((result) => result.non2xx),
    errors: sum((result) => result.errors),
    timeouts: sum((result) => result.timeouts),
  };
}

/**
 * A route against a baseline (the trivial handler) in `rounds` pairs of windows of `seconds`, the
 * order swapped every other round (baseline first, then route first), judged by the median of the
 * pairs' ratios. This host's speed drifts from one window to the next (the same trivial handler
 * measured 4.1 and 7.4 ms of CPU per request in one run): two long windows one after the other
 * compare the route with another machine, short windows side by side compare it with this one.
 */
export async function comparePaired(
  baseline: (seconds: number) => Promise<LoadResult>,
  route: (seconds: number) => Promise<LoadResult>,
  rounds: number,
  seconds: number,
): Promise<PairedResult> {
  const pairs: { baseline: LoadResult; route: LoadResult }[] = [];
  for (let round = 0; round < rounds; round++) {
    if (round % 2 === 0) {
      const first = await baseline(seconds);
      pairs.push({ baseline: first, route: await route(seconds) });
    } else {
      const first = await route(seconds);
      pairs.push({ baseline: await baseline(seconds), route: first });
    }
  }
  return {
    baseline: combined(pairs.map((pair) => pair.baseline)),
    route: combined(pairs.map((pair) => pair.route)),
    rateRatio: median(pairs.map((pair) => pair.route.rps / pair.baseline.rps)),
    p99Ratio: median(pairs.map((pair) => pair.route.p99 / pair.baseline.p99)),
    rounds: pairs,
  };
}

/** Each pair's route ÷ baseline of one figure (requests/s unless told), for the table: "0.70, 0.62, …". */
export function pairRatios(
  paired: PairedResult,
  figure: (result: LoadResult) => number = (result) => result.rps,
): string {
  return paired.rounds
    .map((pair) => (figure(pair.route) / figure(pair.baseline)).toFixed(2))
    .join(", ");
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  ms: number;
}

/** One HTTP request on a keep-alive connection; the body as received (still gzipped if it was). */
export function request(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: options.method ?? "GET", headers: options.headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
            ms: performance.now() - started,
          }),
        );
        res.on("error", reject);
      },
    );
    req.setTimeout(30_000, () => req.destroy(new Error(`timeout: ${url}`)));
    req.on("error", reject);
    req.end(options.body);
  });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export interface LatencyResult {
  requests: number;
  concurrency: number;
  p50: number;
  p95: number;
  max: number;
  rps: number;
}

/**
 * Latency of one page as its user sees it: `count` requests, `concurrency` at a time, each checked
 * with `verify` (a 200 that is really the page, not a sign-in redirect or an error page).
 */
export async function measurePage(
  url: string,
  headers: Record<string, string>,
  options: {
    count: number;
    concurrency: number;
    verify: (status: number, body: string) => string | null;
  },
): Promise<LatencyResult> {
  const times: number[] = [];
  let issued = 0;
  const started = performance.now();
  const worker = async () => {
    while (issued < options.count) {
      issued += 1;
      const response = await request(url, { headers });
      const problem = options.verify(response.status, response.body.toString("utf8"));
      if (problem) throw new Error(`${url}: ${problem}`);
      times.push(response.ms);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    requests: times.length,
    concurrency: options.concurrency,
    p50: percentile(times, 50),
    p95: percentile(times, 95),
    max: times.at(-1) ?? NaN,
    rps: times.length / seconds,
  };
}
