import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/db/embedded";
import { migrateDeploy } from "@/lib/db/migrate";
import { allocatePort } from "./ports";

export interface RestartableDatabase {
  url: string;
  /** Stops PostgreSQL (a fast shutdown: sessions are ended, in-flight transactions rolled back). */
  stop(): Promise<void>;
  /** Starts it again on the same data directory and port. */
  start(): Promise<void>;
  /** Stops it and removes its files. */
  dispose(): Promise<void>;
}

/**
 * A throwaway embedded PostgreSQL that can be stopped and started again, as a restart or a failover
 * looks to the app: the same address, gone for a while. Always embedded (never DATABASE_URL), since
 * the suite stops it.
 */
export async function startRestartableDatabase(): Promise<RestartableDatabase> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "portal-resilience-pg-"));
  const port = await allocatePort();
  const open = () => startEmbeddedPostgres({ dataDir, port, database: "portal", persistent: true });
  let server: EmbeddedDatabase | null = await open();
  await migrateDeploy(server.url, () => undefined);
  const url = server.url;
  const stop = async () => {
    await server?.stop();
    server = null;
  };
  return {
    url,
    stop,
    async start() {
      server ??= await open();
    },
    async dispose() {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
