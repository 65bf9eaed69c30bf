import { spawn } from "node:child_process";
import { nextBin } from "@/scripts/build";

export interface PortalProcess {
  /** Everything it printed so far, stdout and stderr. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  /** SIGTERM, then waits for the exit. */
  stop(): Promise<void>;
}

/**
 * Only what a server needs from the test runner's own environment, so that a developer's
 * DATABASE_URL, SMTP_URL or DEMO_MODE never leaks into a test of configurations.
 */
export function serverEnv(variables: Record<string, string | undefined>): Record<string, string> {
  const inherited = ["PATH", "HOME", "TMPDIR", "NEXT_DIST_DIR"];
  const env: Record<string, string> = { NEXT_TELEMETRY_DISABLED: "1", LOG_LEVEL: "warn" };
  for (const name of inherited) if (process.env[name]) env[name] = process.env[name]!;
  for (const [name, value] of Object.entries(variables)) if (value !== undefined) env[name] = value;
  return env;
}

/** A process of the portal (`next start` of the build, or `npm start`'s script), its output kept. */
export function startPortalProcess(
  args: string[],
  env: Record<string, string>,
  command = nextBin,
): PortalProcess {
  const child = spawn(command, args, {
    env: env as NodeJS.ProcessEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => resolve(code)),
  );
  return {
    output: () => output,
    exited,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Waits until `url` answers 2xx; fails at once if `exited` settles first (the server stopped). */
export async function waitForHealth(
  url: string,
  timeoutMs: number,
  exited?: Promise<unknown>,
): Promise<void> {
  let stopped = false;
  void exited?.then(() => (stopped = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopped) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(
    stopped
      ? `The portal stopped before becoming healthy at ${url}`
      : `The portal did not become healthy at ${url}`,
  );
}
