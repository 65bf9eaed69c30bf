import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
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

function createClient(): PrismaClient {
  const adapter = new PrismaPg(
    {
      connectionString: env().DATABASE_URL,
      max: 10,
      // Fail fast while the database is away instead of queueing requests forever.
      connectionTimeoutMillis: 5_000,
      Client: ListenedConnection,
    },
    // The adapter listens for the errors of idle connections (a restart or a failover ends them),
    // but shows them only with DEBUG. The pool replaces them by itself.
    { onPoolError: (error) => logger.warn({ err: error }, "database: an idle connection ended") },
  );
  return new PrismaClient({ adapter });
}

// Next evaluates this module once per bundle (and again on every edit in dev): keep one client per
// process, created on first use so that `next build` opens nothing.
const globalForDb = globalThis as unknown as { portalDb?: PrismaClient };

function client(): PrismaClient {
  globalForDb.portalDb ??= createClient();
  return globalForDb.portalDb;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const instance = client();
    const value = Reflect.get(instance, property, instance);
    return typeof value === "function" ? value.bind(instance) : value;
  },
});
