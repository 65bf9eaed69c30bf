import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrationNames, onServer, scratchDatabaseName, urlFor } from "../support/scratch-database";

/*
 * Migration …_virtual_accounts on a database that has data: every migration before it applied (as
 * the deploy runs them, each file's SQL in name order), rows written as the portal wrote them then,
 * then this one. Existing memberships become Smart Account roles (scope ACCOUNT) with nothing else
 * changed, every account gets exactly one DEFAULT, and the rules keep their answers.
 */

const THIS_MIGRATION = "20261207030000_virtual_accounts";
const dbName = scratchDatabaseName("migration_va_test");
const migrationsDir = path.resolve("prisma/migrations");
const names = migrationNames;
const before = names.slice(0, names.indexOf(THIS_MIGRATION));

const apply = (c: pg.Client, name: string) =>
  c.query(readFileSync(path.join(migrationsDir, name, "migration.sql"), "utf8"));

let client: pg.Client | undefined;
let dbCreated = false;

const memberships = `SELECT row_to_json(m)::jsonb AS "row" FROM "Membership" m ORDER BY m."id"`;

describe(`migration ${THIS_MIGRATION} on the previous migration's data`, () => {
  beforeAll(async () => {
    await onServer(`CREATE DATABASE "${dbName}"`);
    dbCreated = true;
    client = new pg.Client({ connectionString: urlFor(dbName) });
    await client.connect();
  });

  afterAll(async () => {
    await client?.end();
    if (dbCreated) await onServer(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
  });

  it("keeps every membership, as a Smart Account role, and gives every account one DEFAULT", async () => {
    const c = client!;
    expect(before.length).toBeGreaterThan(0);
    expect(names).toContain(THIS_MIGRATION);
    for (const name of before) await apply(c, name);

    // The previous migration's data: accounts (one inactive, one without members), members of every
    // role, in force, time-bound, past their end date, ended, of a disabled user.
    await c.query(`
      INSERT INTO "User" ("id", "email", "updatedAt", "disabledAt") VALUES
        ('u-admin', 'admin@example.com', now(), NULL), ('u-user', 'user@example.com', now(), NULL),
        ('u-viewer', 'viewer@example.com', now(), NULL), ('u-gone', 'gone@example.com', now(), now());
      INSERT INTO "Account" ("id", "name", "status", "updatedAt") VALUES
        ('a-1', 'Acme', 'ACTIVE', now()), ('a-2', 'Globex', 'ACTIVE', now()),
        ('a-3', 'Umbrella', 'INACTIVE', now()), ('a-4', 'Nobody', 'ACTIVE', now());
      INSERT INTO "Membership" ("id", "userId", "accountId", "role", "active", "endsAt", "endedAt", "endCause", "updatedAt") VALUES
        ('m-1', 'u-admin', 'a-1', 'ADMIN', true, NULL, NULL, NULL, now()),
        ('m-2', 'u-user', 'a-1', 'USER', true, now() + interval '3 days', NULL, NULL, now()),
        ('m-3', 'u-viewer', 'a-1', 'VIEWER', true, now() - interval '1 hour', NULL, NULL, now()),
        ('m-4', 'u-user', 'a-2', 'ADMIN', false, NULL, now() - interval '2 days', 'REMOVED', now()),
        ('m-5', 'u-gone', 'a-2', 'ADMIN', true, NULL, NULL, NULL, now()),
        ('m-6', 'u-admin', 'a-3', 'VIEWER', true, NULL, NULL, NULL, now());
      INSERT INTO "AccessRequest" ("id", "requesterId", "accountId", "domain", "reason", "updatedAt", "expiresAt")
        VALUES ('r-1', 'u-viewer', 'a-2', 'globex.com', 'work', now(), now() + interval '7 days');`);
    const membershipsBefore = (await c.query<{ row: Record<string, unknown> }>(memberships)).rows;
    const adminsBefore = await activeAdmins(c);

    await apply(c, THIS_MIGRATION);

    const membershipsAfter = (await c.query<{ row: Record<string, unknown> }>(memberships)).rows;
    expect(membershipsAfter).toEqual(
      membershipsBefore.map(({ row }) => ({ row: { ...row, scope: "ACCOUNT" } })),
    );
    expect((await c.query(`SELECT 1 FROM "VirtualAccountGrant"`)).rowCount).toBe(0);
    expect((await c.query(`SELECT 1 FROM "AccessRequest"`)).rowCount).toBe(1);

    const trees = await c.query<{ accountId: string; names: string[]; paths: string[][] }>(`
      SELECT a."id" AS "accountId",
             array_agg(va."name" ORDER BY va."id") FILTER (WHERE va."id" IS NOT NULL) AS "names",
             array_agg(va."path" = ARRAY[va."id"] AND va."parentId" IS NULL ORDER BY va."id") AS "paths"
        FROM "Account" a LEFT JOIN "VirtualAccount" va ON va."accountId" = a."id"
       GROUP BY a."id" ORDER BY a."id"`);
    expect(trees.rows).toEqual(
      ["a-1", "a-2", "a-3", "a-4"].map((accountId) => ({
        accountId,
        names: ["DEFAULT"],
        paths: [true],
      })),
    );

    // The rules answer as before: the same active administrators, and every Smart Account role
    // holds on DEFAULT as held "account".
    expect(await activeAdmins(c)).toEqual(adminsBefore);
    expect(adminsBefore).toEqual(["m-1"]);
    const onDefault = await c.query<{ id: string; role: string | null; heldAs: string | null }>(`
      SELECT m."id", er."role"::text AS "role", er."heldAs"
        FROM "Membership" m JOIN "VirtualAccount" va ON va."accountId" = m."accountId" AND va."name" = 'DEFAULT'
        LEFT JOIN LATERAL "effective_role"(m."userId", m."accountId", va."id", now()::timestamp(3)) er ON true
       ORDER BY m."id"`);
    expect(onDefault.rows).toEqual([
      { id: "m-1", role: "ADMIN", heldAs: "account" },
      { id: "m-2", role: "USER", heldAs: "account" },
      { id: "m-3", role: null, heldAs: null },
      { id: "m-4", role: null, heldAs: null },
      { id: "m-5", role: null, heldAs: null },
      { id: "m-6", role: "VIEWER", heldAs: "account" },
    ]);

    // An account made after the migration gets its DEFAULT too, however it is inserted.
    await c.query(
      `INSERT INTO "Account" ("id", "name", "updatedAt") VALUES ('a-5', 'New', now()), ('a-6', 'Newer', now())`,
    );
    const fresh = await c.query<{ accountId: string }>(
      `SELECT "accountId" FROM "VirtualAccount" WHERE "name" = 'DEFAULT' AND "parentId" IS NULL AND "accountId" IN ('a-5', 'a-6') ORDER BY 1`,
    );
    expect(fresh.rows).toEqual([{ accountId: "a-5" }, { accountId: "a-6" }]);
  });
});

async function activeAdmins(c: pg.Client): Promise<string[]> {
  const { rows } = await c.query<{ id: string }>(`
    SELECT m."id" FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
     WHERE "is_active_admin"(m, u, now()::timestamp(3)) ORDER BY m."id"`);
  return rows.map((row) => row.id);
}
