/**
 * The app under test: the production build (in its own dist dir, so that it never fights the e2e
 * tests' or `npm start`'s build), served by `next start` on loopback, with the peak memory of its
 * process tree sampled from /proc.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { serverNodeOptions } from "@/scripts/build";

export const BENCH_DIST_DIR = ".next-bench";

/**
 * The environment of a production `next start` on loopback against a throwaway database: a fresh
 * secret, an SMTP address nothing listens on (production requires one; the app's own worker is
 * off, so nothing is sent), warnings only. `extra` adds or overrides variables.
 */
export function productionEnv(
  databaseUrl: string,
  port: number,
  extra: Record<string, string> = {},
): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    NEXTAUTH_URL: `http://localhost:${port}`,
    NEXTAUTH_SECRET: randomBytes(24).toString("hex"),
    SMTP_URL: "smtp://127.0.0.1:9",
    OUTBOX_WORKER: "off",
    LOG_LEVEL: "warn",
    ...extra,
  };
}
const nextCli = path.resolve("node_modules", "next", "dist", "bin", "next");

/**
 * `next build` into BENCH_DIST_DIR unless it is current (scripts/build.ts decides), in a child
 * process so that data generation goes on meanwhile. `next build` adds its dist dir's types to
 * tsconfig.json and next-env.d.ts: both are put back as they were, the bench's build is not the
 * project's.
 */
export function buildApp(env: NodeJS.ProcessEnv, log: (line: string) => void): Promise<number> {
  const started = performance.now();
  const keep = ["tsconfig.json", "next-env.d.ts"].map((file) => ({ file, text: readOrNull(file) }));
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "-e",
      'import("./scripts/build.ts").then((m) => m.buildIfStale(process.env, console.log))',
    ],
    {
      env: { ...env, NEXT_DIST_DIR: BENCH_DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on("exit", (code) => {
      for (const { file, text } of keep) {
        if (text !== null && readOrNull(file) !== text) writeFileSync(file, text);
      }
      if (code !== 0) return reject(new Error(`next build failed:\n${output.slice(-4000)}`));
      const seconds = (performance.now() - started) / 1000;
      log(
        output.includes("Building")
          ? `build: done in ${seconds.toFixed(0)} s`
          : "build: up to date",
      );
      resolve(seconds);
    });
  });
}

function readOrNull(file: string): string | null {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return null;
  }
}

export interface RunningApp {
  baseUrl: string;
  pid: number;
  /** Peak RSS of next-server and its children since start, in bytes. */
  peakRss(): number;
  /** RSS of next-server and its children now, in bytes. */
  currentRss(): number;
  /** Peak RSS since the last call (or start), in bytes: memory phase by phase. */
  takeWindowPeak(): number;
  /** Server output (warnings and errors only: LOG_LEVEL=warn). */
  output(): string;
  stop(): Promise<void>;
}

/** A process and all its descendants, from /proc. */
function processTree(rootPid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      // the process ended meanwhile
    }
  }
  const tree: number[] = [];
  const visit = (pid: number) => {
    tree.push(pid);
    for (const child of children.get(pid) ?? []) visit(child);
  };
  visit(rootPid);
  return tree;
}

/**
 * CPU seconds (user + system) used so far by a process tree, children that ended included (their
 * time moves to their parent's cutime/cstime); clock ticks are 1/100 s on Linux.
 */
export function treeCpuSeconds(rootPid: number): number {
  let ticks = 0;
  for (const pid of processTree(rootPid)) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      ticks += Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14]);
    } catch {
      // ended meanwhile
    }
  }
  return ticks / 100;
}

/** RSS of a process and all its descendants, from /proc. */
export function treeRss(rootPid: number): number {
  let total = 0;
  for (const pid of processTree(rootPid)) {
    try {
      const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
      total += match ? Number(match[1]) * 1024 : 0;
    } catch {
      // ended meanwhile
    }
  }
  return total;
}

async function waitForHealth(url: string, server: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`next start exited with code ${server.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`The portal did not become healthy at ${url}`);
}

/** `next start` on loopback; with `cpuProfileDir`, node writes a .cpuprofile of the server there on exit. */
export async function startApp(options: {
  port: number;
  env: NodeJS.ProcessEnv;
  cpuProfileDir?: string;
}): Promise<RunningApp> {
  const baseUrl = `http://localhost:${options.port}`;
  const profile = options.cpuProfileDir
    ? ["--cpu-prof", `--cpu-prof-dir=${options.cpuProfileDir}`]
    : [];
  const server = spawn(
    process.execPath,
    [...profile, nextCli, "start", "--port", String(options.port), "--hostname", "127.0.0.1"],
    {
      env: {
        ...options.env,
        NODE_OPTIONS: serverNodeOptions(options.env.NODE_OPTIONS),
        NEXT_DIST_DIR: BENCH_DIST_DIR,
        NEXT_TELEMETRY_DISABLED: "1",
        NEXTAUTH_URL: baseUrl,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let output = "";
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  server.stdout!.on("data", keep);
  server.stderr!.on("data", keep);
  let stopping = false;
  server.once("exit", (code, signal) => {
    if (!stopping)
      output += `\n[bench] next-server exited unexpectedly (code ${code}, signal ${signal}) at ${new Date().toISOString()}\n`;
  });
  let peak = 0;
  let windowPeak = 0;
  const sample = () => {
    if (server.pid && server.exitCode === null) {
      const rss = treeRss(server.pid);
      peak = Math.max(peak, rss);
      windowPeak = Math.max(windowPeak, rss);
    }
  };
  const sampler = setInterval(sample, 250);
  try {
    await waitForHealth(`${baseUrl}/api/health`, server, 60_000);
  } catch (error) {
    clearInterval(sampler);
    server.kill("SIGKILL");
    throw new Error(`${String(error)}\n${output}`);
  }
  return {
    baseUrl,
    pid: server.pid!,
    peakRss: () => (sample(), peak),
    currentRss: () => (server.pid && server.exitCode === null ? treeRss(server.pid) : 0),
    takeWindowPeak() {
      sample();
      const value = windowPeak;
      windowPeak = 0;
      return value;
    },
    output: () => output,
    async stop() {
      stopping = true;
      sample();
      clearInterval(sampler);
      if (server.exitCode !== null || server.signalCode !== null) return;
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      const timer = setTimeout(() => server.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}
