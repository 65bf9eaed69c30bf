/**
 * `npm run test:smoke`: the first of the two commands, as a newcomer runs it, on whatever Node is
 * first on PATH (CI runs it on Node 20, the oldest supported): `npm start` on a fresh data
 * directory creates its PostgreSQL, migrates, seeds the demo, builds when the sources changed and
 * serves; the first page answers 200 and /api/health 200; Ctrl+C (SIGINT) stops the app and its
 * database. Prints one closing line, "N passed, N failed", and exits 1 on any failure.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { freePort } from "../support/test-database";
import { waitForHealth } from "../e2e/support/servers";

const START_TIMEOUT_MS = 8 * 60_000; // a first build on a busy 2-core machine

async function main() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "portal-smoke-"));
  // As ./data would be: PostgreSQL, run as its own user when we are root, must reach its folder.
  await chmod(dataDir, 0o755);
  const port = await freePort();
  const base = `http://localhost:${port}`;
  const env: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: String(port),
    EMBEDDED_PG_PORT: String(await freePort()),
    PORTAL_DATA_DIR: dataDir,
    NEXT_TELEMETRY_DISABLED: "1",
    NEXT_DIST_DIR: process.env.NEXT_DIST_DIR,
  };
  const child = spawn("npm", ["start"], {
    detached: true, // its own process group, so that SIGINT reaches npm, tsx and the server as Ctrl+C does
    stdio: ["ignore", "pipe", "pipe"],
    env: Object.fromEntries(
      Object.entries(env).filter(([, value]) => value !== undefined),
    ) as NodeJS.ProcessEnv,
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));

  const checks: [string, () => Promise<void>][] = [
    [
      "/api/health answers 200",
      () => waitForHealth(`${base}/api/health`, START_TIMEOUT_MS, exited),
    ],
    [
      "the first page answers 200 with the sign-in form and a demo user",
      async () => {
        const response = await fetch(`${base}/`);
        const html = await response.text();
        if (response.status !== 200) throw new Error(`status ${response.status}`);
        if (!html.includes("rachel.requester@example.com"))
          throw new Error("the demo users are not listed: is this the demo?");
      },
    ],
    [
      "Ctrl+C stops the app and its PostgreSQL",
      async () => {
        process.kill(-child.pid!, "SIGINT");
        const timeout = new Promise((_, reject) =>
          setTimeout(() => reject(new Error("still running 30 s after SIGINT")), 30_000),
        );
        await Promise.race([exited, timeout]);
        if (existsSync(path.join(dataDir, "postgres", "postmaster.pid")))
          throw new Error("PostgreSQL is still running (postmaster.pid is there)");
      },
    ],
  ];

  console.log(`[smoke] npm start on Node ${process.version}, port ${port}, data in ${dataDir}`);
  let passed = 0;
  let failed = 0;
  for (const [name, check] of checks) {
    try {
      await check();
      passed += 1;
      console.log(`  ✓ ${name}`);
    } catch (error) {
      failed += 1;
      console.log(`  ✗ ${name}: ${error instanceof Error ? error.message : String(error)}`);
      break; // the later checks need the earlier ones
    }
  }
  if (failed) {
    console.log(`[smoke] npm start's output:\n${output}`);
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }
  await rm(dataDir, { recursive: true, force: true });
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

void main();
