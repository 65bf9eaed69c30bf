import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { freePort } from "../support/test-database";

describe("the portal's own PostgreSQL", () => {
  it("is created on first start, reused rather than started twice when left running, and stops cleanly", async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), "portal-embedded-"));
    try {
      const port = await freePort();
      const first = await startEmbeddedPostgres({
        dataDir,
        port,
        database: "portal",
        persistent: true,
      });
      expect(first.reused).toBe(false);

      // A second start (say, after the app crashed without stopping it) adopts the running server,
      // even when asked for another port.
      const second = await startEmbeddedPostgres({
        dataDir,
        port: await freePort(),
        database: "portal",
        persistent: true,
      });
      expect(second.reused).toBe(true);
      expect(second.url).toBe(first.url);

      const client = new pg.Client({ connectionString: second.url });
      await client.connect();
      const { rows } = await client.query<{ server_version: string }>("SHOW server_version");
      await client.end();
      expect(rows[0]!.server_version).toMatch(/^18\./);

      await second.stop();
      const refused = await new pg.Client({
        connectionString: first.url,
        connectionTimeoutMillis: 2_000,
      })
        .connect()
        .then(
          () => false,
          () => true,
        );
      expect(refused).toBe(true);

      // The data survives: starting again finds the cluster and starts it.
      const third = await startEmbeddedPostgres({
        dataDir,
        port,
        database: "portal",
        persistent: true,
      });
      expect(third.reused).toBe(false);
      await third.stop();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
