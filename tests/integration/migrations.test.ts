import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateDeploy, migrateStatus } from "../../lib/db/migrate";
import { migrationNames, onServer, scratchDatabaseName, urlFor } from "../support/scratch-database";

// Runs the migrations on a database of its own, created on the server of DATABASE_URL.
const dbName = scratchDatabaseName("migrations_test");

let client: pg.Client | undefined;
let dbCreated = false;

function db(): pg.Client {
  if (!client) throw new Error("the test database is not connected");
  return client;
}

describe("migrations", () => {
  beforeAll(async () => {
    await onServer(`CREATE DATABASE "${dbName}"`);
    dbCreated = true;
  });

  afterAll(async () => {
    await client?.end();
    if (dbCreated) await onServer(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  });

  it("deploy applies every migration directory, in order", { timeout: 60_000 }, async () => {
    expect(migrationNames.length).toBeGreaterThan(0);
    const applied = await migrateDeploy(urlFor(dbName), () => {});
    expect(applied).toEqual(migrationNames);
    client = new pg.Client({ connectionString: urlFor(dbName) });
    await client.connect();
  });

  it(
    "status then shows nothing pending, no drift, no divergence",
    { timeout: 60_000 },
    async () => {
      const status = await migrateStatus(urlFor(dbName));
      expect(status).toEqual({ applied: migrationNames, pending: [], problems: [] });
    },
  );

  it("allows one PENDING request per requester and account", async () => {
    const c = db();
    await c.query(
      `INSERT INTO "User" (id, email, "updatedAt") VALUES ('u1', 'u1@example.com', now())`,
    );
    await c.query(`INSERT INTO "Account" (id, name, "updatedAt") VALUES ('a1', 'Acme', now())`);
    const insert = (id: string, status: string) =>
      c.query(
        `INSERT INTO "AccessRequest" (id, "requesterId", "accountId", domain, reason, status, "updatedAt", "expiresAt")
         VALUES ($1, 'u1', 'a1', 'acme.example', 'work', $2::"AccessRequestStatus", now(), now() + interval '7 days')`,
        [id, status],
      );

    await insert("r1", "PENDING");
    await expect(insert("r2", "PENDING")).rejects.toMatchObject({
      code: "23505",
      constraint: "AccessRequest_one_pending_per_requester_account",
    });
    await insert("r3", "APPROVED");
    // Once decided, a new request may be pending again.
    await c.query(`UPDATE "AccessRequest" SET status = 'DENIED' WHERE id = 'r1'`);
    await insert("r4", "PENDING");

    const rows = await c.query<{ id: string; status: string }>(
      `SELECT id, status FROM "AccessRequest" ORDER BY id`,
    );
    expect(rows.rows).toEqual([
      { id: "r1", status: "DENIED" },
      { id: "r3", status: "APPROVED" },
      { id: "r4", status: "PENDING" },
    ]);
  });

  it("uuid_v7() makes UUIDv7 ids: the time in milliseconds, version 7, variant 10, random bits", async () => {
    const { rows } = await db().query<{ before: string; id: string; after: string }>(
      `SELECT floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint::text AS before,
              uuid_v7()::text AS id,
              floor(extract(epoch FROM clock_timestamp()) * 1000)::bigint::text AS after
         FROM generate_series(1, 100)`,
    );
    expect(new Set(rows.map((row) => row.id)).size).toBe(100);
    for (const { before, id, after } of rows) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      const at = parseInt(id.replace(/-/g, "").slice(0, 12), 16);
      expect(at).toBeGreaterThanOrEqual(Number(before));
      expect(at).toBeLessThanOrEqual(Number(after));
    }
  });

  it("keeps AuditEvent append-only (TRUNCATE still allowed)", async () => {
    const c = db();
    await c.query(
      `INSERT INTO "AuditEvent" (action, "subjectType", "subjectId", after) VALUES ('account.created', 'Account', 'a1', '{"name":"Acme"}')`,
    );
    await expect(c.query(`UPDATE "AuditEvent" SET action = 'tampered'`)).rejects.toThrow(
      /append-only/,
    );
    await expect(c.query(`DELETE FROM "AuditEvent"`)).rejects.toThrow(/append-only/);
    const kept = await c.query<{ action: string }>(`SELECT action FROM "AuditEvent"`);
    expect(kept.rows).toEqual([{ action: "account.created" }]);

    await c.query(`TRUNCATE "AuditEvent"`);
    expect((await c.query(`SELECT 1 FROM "AuditEvent"`)).rowCount).toBe(0);
  });
});
