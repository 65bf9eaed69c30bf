import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chown, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { freePort } from "./test-database";

/** Debian's package (`apt-get install pgbouncer`), or PGBOUNCER_PATH. */
export const pgBouncerPath = process.env.PGBOUNCER_PATH ?? "/usr/sbin/pgbouncer";

export interface PgBouncer {
  /** e.g. "PgBouncer 1.18.0". */
  version: string;
  /** DATABASE_URL of the database through the pooler, in transaction mode. */
  transactionUrl: string;
  /** The same database through the pooler, in session mode. */
  sessionUrl: string;
  /** The pooler's totals since it started (its admin console's SHOW STATS, summed over the app's databases). */
  stats(): Promise<{ transactions: number; queries: number }>;
  stop(): Promise<void>;
}

const quote = (value: string) => `"${value.replaceAll('"', '""')}"`;

/**
 * Starts PgBouncer in front of the database of `databaseUrl`, with a config of its own in a temp
 * dir: the database under its own name in transaction mode, with `poolSize` server connections
 * that the client connections share as in production, and under `<name>_session` in session mode
 * (each client keeps a server connection of its own while connected: PgBouncer's default pool of 20). PgBouncer refuses to run as root: as root it runs as the `postgres` system user (the
 * embedded PostgreSQL of the tests already runs as that user).
 */
export async function startPgBouncer(databaseUrl: string, poolSize: number): Promise<PgBouncer> {
  const target = new URL(databaseUrl);
  const user = decodeURIComponent(target.username);
  const password = decodeURIComponent(target.password);
  const database = target.pathname.slice(1);
  const serverHost = target.hostname === "localhost" ? "127.0.0.1" : target.hostname;
  const server = `host=${serverHost} port=${target.port || 5432} dbname=${database}`;
  const port = await freePort();
  const dir = await mkdtemp(path.join(os.tmpdir(), "portal-pgbouncer-"));
  const config = [
    "[databases]",
    `${database} = ${server} pool_mode=transaction pool_size=${poolSize}`,
    `${database}_session = ${server} pool_mode=session`,
    "[pgbouncer]",
    "listen_addr = 127.0.0.1",
    `listen_port = ${port}`,
    "unix_socket_dir =",
    "auth_type = md5",
    `auth_file = ${path.join(dir, "users.txt")}`,
    `admin_users = ${user}`,
    "max_client_conn = 200",
    `logfile = ${path.join(dir, "pgbouncer.log")}`,
    `pidfile = ${path.join(dir, "pgbouncer.pid")}`,
    "",
  ].join("\n");
  await writeFile(path.join(dir, "pgbouncer.ini"), config);
  await writeFile(path.join(dir, "users.txt"), `${quote(user)} ${quote(password)}\n`);
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    const { uid, gid } = await ownerOf("postgres");
    for (const file of ["", "pgbouncer.ini", "users.txt"])
      await chown(path.join(dir, file), uid, gid);
  }

  const child = spawn(
    pgBouncerPath,
    [...(asRoot ? ["-u", "postgres"] : []), path.join(dir, "pgbouncer.ini")],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));

  const url = (name: string) => {
    const through = new URL(databaseUrl);
    through.hostname = "127.0.0.1";
    through.port = String(port);
    through.pathname = `/${name}`;
    return through.toString();
  };
  const admin = url("pgbouncer");
  await waitUntilAccepting(admin, child, () => output, path.join(dir, "pgbouncer.log"));

  return {
    version: execFileSync(pgBouncerPath, ["--version"], { encoding: "utf8" })
      .split("\n")[0]!
      .trim(),
    transactionUrl: url(database),
    sessionUrl: url(`${database}_session`),
    async stats() {
      // The admin console speaks only the simple query protocol: a query without parameters.
      const console = new pg.Client({ connectionString: admin });
      await console.connect();
      try {
        const { rows } = await console.query<{
          database: string;
          total_xact_count: string;
          total_query_count: string;
        }>("SHOW STATS");
        // The console's own queries are counted under the database "pgbouncer".
        return rows
          .filter((row) => row.database !== "pgbouncer")
          .reduce(
            (sum, row) => ({
              transactions: sum.transactions + Number(row.total_xact_count),
              queries: sum.queries + Number(row.total_query_count),
            }),
            { transactions: 0, queries: 0 },
          );
      } finally {
        await console.end();
      }
    },
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM"); // immediate shutdown
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function ownerOf(userName: string): Promise<{ uid: number; gid: number }> {
  const line = (await readFile("/etc/passwd", "utf8"))
    .split("\n")
    .find((entry) => entry.startsWith(`${userName}:`));
  if (!line)
    throw new Error(
      `PgBouncer refuses to run as root, and there is no "${userName}" user to run it as`,
    );
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

async function waitUntilAccepting(
  adminUrl: string,
  child: ChildProcess,
  output: () => string,
  logFile: string,
): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const probe = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 1_000 });
    try {
      await probe.connect();
      await probe.end();
      return;
    } catch (error) {
      await probe.end().catch(() => undefined);
      if (child.exitCode !== null || Date.now() > deadline) {
        const log = existsSync(logFile) ? await readFile(logFile, "utf8") : "";
        throw new Error(`PgBouncer did not start (${String(error)}):\n${output()}\n${log}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
