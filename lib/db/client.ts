import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { RateLimiterPostgres } from "rate-limiter-flexible";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";
import { logger } from "@/lib/log";

/**
 * A pg connection that always has an `error` listener. pg's pool hands a released connection to
 * the next waiting transaction from inside its socket's read loop, and the adapter listens for the
 * connection's errors only a moment later (after an await). When PostgreSQL's "terminating
 * connection" (a restart, a failover) arrived in that same read, the error was emitted with nobody
 * listening: an uncaught exception in the app server (seen in the resilience suite's PostgreSQL
 * restart). The connection is marked unusable either way, so the transaction fails and the pool
 * drops it.
 */
class ListenedConnection extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    this.on("error", (error) => logger.debug({ err: error }, "database: a connection ended"));
  }
}

export interface Database {
  prisma: PrismaClient;
  /** The connections Prisma's adapter uses, which hotQuery shares: one connection budget per process. */
  pool: pg.Pool;
}

function createDatabase(): Database {
  const pool = new pg.Pool({
    connectionString: env().DATABASE_URL,
    max: 10,
    // Fail fast while the database is away instead of queueing requests forever.
    connectionTimeoutMillis: 5_000,
    Client: ListenedConnection,
  });
  // An idle connection ended by a restart or a failover: the pool replaces it by itself.
  pool.on("error", (error) => logger.warn({ err: error }, "database: an idle connection ended"));
  return { prisma: new PrismaClient({ adapter: new PrismaPg(pool) }), pool };
}

// Next evaluates this module once per bundle (and again on every edit in dev): keep one client per
// process, created on first use so that `next build` opens nothing.
const globalForDb = globalThis as unknown as { portalDatabase?: Database };

function database(): Database {
  globalForDb.portalDatabase ??= createDatabase();
  return globalForDb.portalDatabase;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const instance = database().prisma;
    const value = Reflect.get(instance, property, instance);
    return typeof value === "function" ? value.bind(instance) : value;
  },
});

/**
 * This process's pool as /api/metrics shows it (lib/metrics/database.ts): connections open, idle,
 * and callers waiting for one (all 0 before the first query).
 */
export function poolUse(): { total: number; idle: number; waiting: number } {
  const pool = globalForDb.portalDatabase?.pool;
  return {
    total: pool?.totalCount ?? 0,
    idle: pool?.idleCount ?? 0,
    waiting: pool?.waitingCount ?? 0,
  };
}

/** Closes this process's connections (Prisma's, hotQuery's and the rate limiter's: one pool), at shutdown. */
export async function closeDatabase(): Promise<void> {
  const current = globalForDb.portalDatabase;
  if (!current) return;
  globalForDb.portalDatabase = undefined;
  await current.prisma.$disconnect();
  await current.pool.end();
}

const TIMESTAMP = pg.types.builtins.TIMESTAMP;
const INT8 = pg.types.builtins.INT8;

/** Prisma stores DateTime as `timestamp(3)` in UTC: read it as UTC whatever the process's time zone. */
const readTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") => {
    if (oid === TIMESTAMP) return (value: string) => new Date(`${value.replace(" ", "T")}Z`);
    if (oid === INT8) return (value: string) => BigInt(value);
    return pg.types.getTypeParser(oid, format);
  }) as pg.CustomTypesConfig["getTypeParser"],
};

/** A parameter as pg should send it: instants as UTC text (what a `timestamp(3)` column holds), bigints as text. */
function parameter(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === "bigint") return value.toString();
  return value;
}

/**
 * One raw statement (built with Prisma.sql, as for `db.$queryRaw`) run on Prisma's own pool through
 * pg, for the few statements every request runs: the session read, the domain lookup, the API's
 * token and access check. Measured in the production server (docs/benchmarks-history.md), Prisma's raw
 * query path costs 0.7–1 ms of CPU per statement, pg's about 0.1 ms: on a route that is one or two
 * statements, that is most of what it costs beyond the framework. Rows come back as from
 * `$queryRaw`: timestamps as Dates (UTC), bigints as BigInt, enums as strings. Not in a transaction:
 * a statement that must commit with others goes through Prisma.
 */
export async function hotQuery<Row>(statement: Prisma.Sql): Promise<Row[]> {
  const result = await database().pool.query<Row & pg.QueryResultRow>(pgQuery(statement));
  return result.rows;
}

/** A Prisma.sql statement as pg sends it and reads its rows (hotQuery, sqlTransaction). */
function pgQuery(statement: Prisma.Sql): pg.QueryConfig {
  return { text: statement.text, values: statement.values.map(parameter), types: readTypes };
}

/**
 * What a use case written in raw statements (`Prisma.sql`) needs of its transaction. Prisma's
 * interactive transaction client has it, and so has sqlTransaction's: code written against it runs
 * in either.
 */
export interface SqlWriter {
  $queryRaw<Rows = unknown>(statement: Prisma.Sql): Promise<Rows>;
  /** The number of rows the statement changed. */
  $executeRaw(statement: Prisma.Sql): Promise<number>;
}

/**
 * One read-committed transaction on a connection of Prisma's pool, through pg: BEGIN, the work's
 * statements, COMMIT (ROLLBACK when the work throws). For the mutation every requester runs, the
 * submit (defineSqlMutation): Prisma's interactive transaction and its raw query path cost about
 * 3 ms of CPU per submit, a quarter of the server's (docs/benchmarks-history.md). Rows come back as from
 * hotQuery. A connection whose COMMIT or ROLLBACK failed is not given back to the pool but closed.
 */
export async function sqlTransaction<Result>(
  work: (tx: SqlWriter) => Promise<Result>,
): Promise<Result> {
  const client = await database().pool.connect();
  const run = (statement: Prisma.Sql) => client.query(pgQuery(statement));
  const tx: SqlWriter = {
    $queryRaw: async <Rows>(statement: Prisma.Sql) => (await run(statement)).rows as Rows,
    $executeRaw: async (statement) => (await run(statement)).rowCount ?? 0,
  };
  let committing = false;
  try {
    await client.query("BEGIN");
    const result = await work(tx);
    committing = true;
    await client.query("COMMIT");
    client.release();
    return result;
  } catch (error) {
    // After a failed COMMIT the transaction is over (rolled back); otherwise roll it back here.
    const broken = committing
      ? error
      : await client.query("ROLLBACK").then(
          () => undefined,
          (rollbackError: unknown) => rollbackError,
        );
    client.release(broken instanceof Error ? broken : undefined);
    throw error;
  }
}

/**
 * A rate-limiter-flexible limiter whose state is the "RateLimit" table (created by the migrations),
 * on this process's one pool: the limits of lib/rate-limit.ts take their connections from the
 * same budget as everything else. What the limiter runs there is one autocommit statement at a
 * time (its upsert, read, delete, and its purge of expired keys every five minutes): no session
 * state, no transaction, so it works through PgBouncer in transaction mode — once its statements
 * are sent unnamed. It names them, and PostgreSQL prepares a named statement per server
 * connection: two clients then meet on one pooled connection and fail with "prepared statement
 * already exists" (tests/integration/pgbouncer.test.ts shows both).
 */
export function postgresRateLimiter(options: {
  keyPrefix: string;
  points: number;
  duration: number;
}): RateLimiterPostgres {
  const unnamedStatements = {
    query: (query: pg.QueryConfig) =>
      database().pool.query({ text: query.text, values: query.values }),
  };
  return new RateLimiterPostgres({
    ...options,
    storeClient: unnamedStatements,
    storeType: "pool",
    tableName: "RateLimit",
    tableCreated: true,
  });
}
