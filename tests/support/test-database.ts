import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { startEmbeddedPostgres } from "@/lib/db/embedded";
import { migrateDeploy } from "@/lib/db/migrate";

export interface TestDatabase {
  url: string;
  /**
   * A database on the same server to connect to for CREATE/DROP DATABASE (never `url`'s own: a
   * database used as a template must have no other session).
   */
  adminUrl: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() =>
        typeof address === "object" && address
          ? resolve(address.port)
          : reject(new Error("no port")),
      );
    });
  });
}

/** Destructive test setup runs only against a database on this machine. */
export function assertLocalDatabase(url: string): void {
  const host = new URL(url).hostname;
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(host)) {
    throw new Error(`Refusing to run tests against a non-local database (${host}).`);
  }
}

/**
 * A fresh, migrated database for one test run: a new database on the server of DATABASE_URL when
 * it is set, otherwise a throwaway embedded PostgreSQL cluster in a temp dir, removed afterwards.
 */
export async function startTestDatabase(): Promise<TestDatabase> {
  const name = `portal_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const external = process.env.DATABASE_URL;
  if (external) {
    assertLocalDatabase(external);
    const admin = new pg.Client({ connectionString: external });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = databaseUrlNamed(external, name);
    await migrateDeploy(url, () => undefined);
    return {
      url,
      adminUrl: external,
      async stop() {
        const cleanup = new pg.Client({ connectionString: external });
        await cleanup.connect();
        // The copies a parallel run made of it (copyDatabase) go with it.
        const { rows } = await cleanup.query<{ datname: string }>(
          "SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $1 || '\\_%'",
          [name],
        );
        for (const { datname } of rows)
          await cleanup.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
        await cleanup.end();
      },
    };
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "portal-test-pg-"));
  const server = await startEmbeddedPostgres({
    dataDir,
    port: await freePort(),
    database: name,
    persistent: false,
  });
  await migrateDeploy(server.url, () => undefined);
  return {
    url: server.url,
    adminUrl: databaseUrlNamed(server.url, "postgres"),
    async stop() {
      await server.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export function databaseUrlNamed(url: string, database: string): string {
  const named = new URL(url);
  named.pathname = `/${database}`;
  return named.toString();
}

/**
 * A copy of `template` (a migrated, unused database) named `<template>_<suffix>`, made once: the
 * parallel integration run gives each Vitest worker its own (`CREATE DATABASE … TEMPLATE` copies
 * files, far faster than migrating again). Returns its URL.
 */
export async function copyDatabase(
  template: Pick<TestDatabase, "url" | "adminUrl">,
  suffix: string,
): Promise<string> {
  const templateName = decodeURIComponent(new URL(template.url).pathname.slice(1));
  const name = `${templateName}_${suffix}`;
  const admin = new pg.Client({ connectionString: template.adminUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
    if (!rowCount) {
      await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${templateName}"`);
    }
  } finally {
    await admin.end();
  }
  return databaseUrlNamed(template.url, name);
}

/** Empties every table but the migration history (between test files). */
export async function truncateAll(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ tablename: string }>(
      "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'",
    );
    if (rows.length) {
      await client.query(
        `TRUNCATE ${rows.map((row) => `"${row.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`,
      );
    }
  } finally {
    await client.end();
  }
}
