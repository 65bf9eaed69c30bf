/**
 * Figures of this machine's Node and V8 rather than of the portal's code, measured here instead of
 * in the unit tests (whose verdicts must not depend on the machine): the heap limit a portal
 * server runs with, the memory the idle collection gives back, and the load runs' own timing.
 */
import { execFileSync } from "node:child_process";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { SERVER_HEAP_LIMIT_MB, serverNodeOptions } from "@/scripts/build";
import { load } from "./http";
import { MB, type Report } from "./report";
import { webhookDnsBlackHole } from "./webhook-dns";

/** The heap limit, in bytes, of a node started with these NODE_OPTIONS. */
function heapLimitWith(nodeOptions: string): number {
  const script =
    "process.stdout.write(String(require('node:v8').getHeapStatistics().heap_size_limit))";
  return Number(
    execFileSync(process.execPath, ["-e", script], {
      env: { ...process.env, NODE_OPTIONS: nodeOptions },
    }).toString(),
  );
}

function heapLimit(report: Report): void {
  const limit = heapLimitWith(serverNodeOptions(undefined));
  // The old space's limit plus the young generation, three semi-spaces whose size depends on the
  // V8 version: 3 × 16 MB on Node 20 (1072 MB), 3 × 64 MB on Node 24 (1216 MB). Without the flag
  // the limit is Node's default, 4144–4288 MB on the reference machines.
  const most = (SERVER_HEAP_LIMIT_MB + 3 * 64) * 2 ** 20;
  report.add({
    figure: "runtime",
    what: "V8 heap limit of a portal server (serverNodeOptions)",
    goal: `${SERVER_HEAP_LIMIT_MB}–${SERVER_HEAP_LIMIT_MB + 3 * 64} MB`,
    measured: MB(limit),
    pass: limit >= SERVER_HEAP_LIMIT_MB * 2 ** 20 && limit <= most,
  });
}

function idleCollection(report: Report): void {
  const tsx = path.join(process.cwd(), "node_modules", ".bin", "tsx");
  const output = execFileSync(tsx, [path.join("bench", "idle-collection-child.ts")], {
    encoding: "utf8",
    timeout: 30_000,
  });
  const { before, afterWork, afterQuiet } = JSON.parse(output.trim().split("\n").at(-1)!) as {
    before: number;
    afterWork: number;
    afterQuiet: number;
  };
  // How much the work left depends on when V8 last collected during it: at least 10 MB. Without
  // the collector nothing is collected once the process is quiet (the heap stays at afterWork).
  const left = afterWork - before;
  report.detail("idleCollection", { before, afterWork, afterQuiet });
  report.add({
    figure: "runtime",
    what: "heap a burst of work left, given back after 1 s quiet (idle collection)",
    goal: "> 10 MB left; < a quarter of it kept",
    measured: `${MB(left)} left, ${MB(Math.max(0, afterQuiet - before))} kept`,
    pass: left > 10 * 2 ** 20 && afterQuiet < before + left / 4,
  });
}

/**
 * The bench's own clock: a run bounded by count lasts until its last answer, not until autocannon's
 * next one-second tick (10 answers 40 ms apart: about 0.4 s, which autocannon reports as 1 s).
 */
async function loadTiming(report: Report): Promise<void> {
  const delayMs = 40;
  const server = createServer((_request, response) =>
    setTimeout(() => response.end("ok"), delayMs),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const result = await load({ url: `http://127.0.0.1:${port}/`, connections: 1, amount: 10 });
    report.add({
      figure: "runtime",
      what: "self-check: 10 answers 40 ms apart, timed by the bench's load runs",
      goal: "0.4–0.8 s (not autocannon's whole second)",
      measured: `${result.requests} answers in ${result.seconds.toFixed(2)} s`,
      pass:
        result.requests === 10 && result.seconds >= (10 * delayMs) / 1000 && result.seconds < 0.8,
    });
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

export async function runRuntimeChecks(report: Report): Promise<void> {
  heapLimit(report);
  idleCollection(report);
  await loadTiming(report);
  await webhookDnsBlackHole(report);
}
