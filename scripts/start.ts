/**
 * npm start: the whole portal on http://localhost:3000 with nothing else installed.
 * Database (DATABASE_URL, or its own PostgreSQL in ./data) → migrations → demo data on first run →
 * production build when the sources changed → `next start` (which runs the background jobs:
 * docs/jobs.md).
 * `--dev` runs `next dev` instead of building.
 *
 * On its own PostgreSQL it is the demo (DEMO_MODE=on unless DEMO_MODE says otherwise): demo data on
 * first start, a generated NEXTAUTH_SECRET, the dev mailbox. With DATABASE_URL it is production and
 * adds nothing to that database: `npm run db:seed`, run by hand, is the only way to seed one.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { DATA_DIR, openDatabase } from "@/lib/db/local-database";
import { migrateDeploy } from "@/lib/db/migrate";
import { parseEnv } from "@/lib/env";
import { seedDemoData } from "@/prisma/seed";
import { buildIfStale, nextBin, serverNodeOptions } from "./build";

const dev = process.argv.includes("--dev");
const port = process.env.PORT ?? "3000";
const log = (line: string) => console.log(`[start] ${line}`);

/** A stable secret for the demo, kept in ./data, when NEXTAUTH_SECRET is not configured. */
function demoSecret(): string {
  const file = path.join(DATA_DIR, "nextauth-secret");
  if (!existsSync(file)) {
    mkdirSync(DATA_DIR, { recursive: true });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600 });
  }
  return readFileSync(file, "utf8").trim();
}

async function seedIfEmpty(url: string) {
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  try {
    if ((await db.user.count()) === 0) {
      log("Empty database: adding the demo data …");
      await seedDemoData(db);
    }
  } finally {
    await db.$disconnect();
  }
}

async function main() {
  const started = Date.now();
  const database = await openDatabase(log, { adoptRunning: true });
  log(
    database.source === "embedded"
      ? "Using the portal's own PostgreSQL (./data/postgres)."
      : "Using DATABASE_URL.",
  );
  let stopping = false;
  const shutdown = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await database.stop().catch(() => undefined);
    process.exit(code);
  };
  try {
    const demo =
      (process.env.DEMO_MODE ?? (database.source === "embedded" ? "on" : "off")) === "on";
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DEMO_MODE: demo ? "on" : "off",
      DATABASE_URL: database.url,
      NEXT_TELEMETRY_DISABLED: "1",
      // Lets the server finish its own shutdown (worker, pool) before exiting on SIGTERM.
      NEXT_MANUAL_SIG_HANDLE: "1",
    };
    if (demo) {
      env.NEXTAUTH_URL ??= `http://localhost:${port}`;
      env.NEXTAUTH_SECRET ??= demoSecret();
    }
    // The server refuses a wrong environment too; checked here first, before migrating and building.
    parseEnv({ ...env, NODE_ENV: dev ? "development" : "production" });
    await migrateDeploy(database.url, log);
    if (demo && database.source === "embedded") await seedIfEmpty(database.url);
    if (!dev) buildIfStale(env, log);
    if (!dev) env.NODE_OPTIONS = serverNodeOptions(env.NODE_OPTIONS);
    const server = spawn(nextBin, [dev ? "dev" : "start", "--port", port], {
      stdio: "inherit",
      env,
    });
    log(
      `Starting on http://localhost:${port} (ready in the server's own line below; ${((Date.now() - started) / 1000).toFixed(1)} s so far).`,
    );
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.on(signal, () => {
        server.kill("SIGTERM");
      });
    }
    server.on("exit", (code) => void shutdown(code ?? 0));
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    await shutdown(1);
  }
}

void main();
