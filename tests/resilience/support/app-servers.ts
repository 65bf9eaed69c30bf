import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import path from "node:path";
import { nextBin, serverNodeOptions } from "@/scripts/build";
import { allocatePort } from "./ports";

export interface AppServer {
  name: string;
  port: number;
  url: string;
  /** Everything the server printed (LOG_LEVEL=warn: warnings and errors). */
  output(): string;
  /** How it ended, if it ended before stop() was called. */
  unexpectedExit(): string | null;
  stop(): Promise<void>;
}

/**
 * What in a server's output means something was left unhandled: each such line with the stack
 * printed under it. The app logs "unhandled rejection"; Next prints "⨯ unhandledRejection:" and
 * "⨯ uncaughtException:".
 */
export function troubleIn(output: string): string[] {
  const lines = output.split("\n");
  return lines.flatMap((line, i) => {
    if (!/unhandled ?rejection|uncaught ?exception|unhandled 'error' event/i.test(line)) return [];
    const stack = lines
      .slice(i + 1, i + 12)
      .filter((next) => /^\s+at |^\s*\{|^\s+\w+: /.test(next));
    return [[line, ...stack].join("\n")];
  });
}

async function waitForHealth(
  server: AppServer,
  child: ChildProcess,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${server.name} exited at start:\n${server.output()}`);
    try {
      if ((await fetch(`${server.url}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${server.name} did not become healthy:\n${server.output()}`);
}

async function startAppServer(
  name: string,
  env: NodeJS.ProcessEnv,
  logDir: string,
): Promise<AppServer> {
  const port = await allocatePort();
  const child = spawn(nextBin, ["start", "--port", String(port), "--hostname", "127.0.0.1"], {
    env: { ...env, NODE_OPTIONS: serverNodeOptions(env.NODE_OPTIONS) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logFile = createWriteStream(path.join(logDir, `${name}.log`));
  let output = "";
  const keep = (chunk: Buffer) => {
    output += chunk.toString();
    logFile.write(chunk);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  let stopping = false;
  let ended: string | null = null;
  const exited = new Promise<void>((resolve) =>
    child.once("exit", (code, signal) => {
      if (!stopping) ended = `${name} exited by itself (code ${code}, signal ${signal})`;
      resolve();
    }),
  );
  const server: AppServer = {
    name,
    port,
    url: `http://127.0.0.1:${port}`,
    output: () => output,
    unexpectedExit: () => ended,
    async stop() {
      stopping = true;
      if (child.exitCode === null && child.signalCode === null) {
        child.kill("SIGTERM");
        const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
        await exited;
        clearTimeout(timer);
      }
      logFile.end();
    },
  };
  await waitForHealth(server, child, 120_000);
  return server;
}

/**
 * `count` production servers (`next start` on the build in .next), each with the same environment,
 * so each runs its own outbox worker and request sweeper. Their output goes to `logDir`.
 */
export async function startAppServers(
  count: number,
  env: NodeJS.ProcessEnv,
  logDir: string,
): Promise<AppServer[]> {
  // NEXT_MANUAL_SIG_HANDLE: the app's own SIGTERM handler stops its worker before the process exits.
  const serverEnv = {
    ...env,
    NODE_ENV: "production",
    // Each server runs every job, emails included (production's default leaves them to a worker).
    JOBS: env.JOBS ?? "outbox,webhooks,request-sweep,membership-sweep,retention,insights-rollup",
    NEXT_MANUAL_SIG_HANDLE: "1",
    NEXT_TELEMETRY_DISABLED: "1",
  } as NodeJS.ProcessEnv;
  return Promise.all(
    Array.from({ length: count }, (_, i) => startAppServer(`app-${i + 1}`, serverEnv, logDir)),
  );
}
