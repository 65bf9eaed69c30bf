import { randomUUID } from "node:crypto";
import { readdirSync } from "node:fs";
import path from "node:path";
import pg from "pg";

/*
 * A database of a test's own on the server of DATABASE_URL, for tests that run the migrations
 * themselves (tests/integration/migrations.test.ts, migration-virtual-accounts.test.ts).
 */

/** Every migration directory, in the order the deploy applies them. */
export const migrationNames = readdirSync(path.resolve("prisma/migrations"), {
  withFileTypes: true,
})
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** A fresh database name starting with `prefix`. */
export const scratchDatabaseName = (prefix: string) =>
  `${prefix}_${randomUUID().replace(/-/g, "").slice(0, 16)}`;

function serverUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set (the integration setup sets it)");
  return url;
}

/** The URL of `database` on the server of DATABASE_URL. */
export function urlFor(database: string): string {
  const url = new URL(serverUrl());
  url.pathname = `/${database}`;
  return url.toString();
}

/** One statement on the server (CREATE or DROP DATABASE), on a connection of its own. */
export async function onServer(sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl() });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}
