// Prisma Migrate without the Prisma CLI's native engine: `deploy`, `dev` and `status` through the
// WASM schema engine (see migrate-engine.ts). Files and `_prisma_migrations` rows are the same as
// the CLI's, so either tool can take over from the other.
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import {
  LOCKFILE_NAME,
  lockfileContent,
  MIGRATIONS_DIR,
  NO_FILTER,
  parseDatabaseUrl,
  withEngine,
  type EngineSession,
} from "./migrate-engine";

export type MigrationLog = (line: string) => void;

const defaultLog: MigrationLog = (line) => process.stderr.write(`${line}\n`);

function logApplied(log: MigrationLog, names: string[]): void {
  for (const name of names) log(`Applied migration ${name}`);
}

/** Applies pending migrations from prisma/migrations (like `prisma migrate deploy`). Returns the names applied. */
export async function migrateDeploy(
  databaseUrl: string,
  log: MigrationLog = defaultLog,
): Promise<string[]> {
  return withEngine(databaseUrl, async ({ engine, readMigrations, run }) => {
    const migrationsList = await readMigrations();
    if (migrationsList.migrationDirectories.length === 0)
      log(`No migration found in ${MIGRATIONS_DIR}`);
    const { appliedMigrationNames } = await run(
      engine.applyMigrations({ migrationsList, filters: NO_FILTER }),
    );
    if (appliedMigrationNames.length === 0) log("No pending migrations to apply.");
    logApplied(log, appliedMigrationNames);
    return appliedMigrationNames;
  });
}

/** The CLI's migration name slug (@sindresorhus/slugify with "_"), cut to 200 characters. */
function slugify(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/&/g, " and ")
    .replace(/([A-Z]{2,})(\d+)/g, "$1 $2")
    .replace(/([a-z\d]+)([A-Z]{2,})/g, "$1 $2")
    .replace(/([a-z\d])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-rt-z\d]+)/g, "$1 $2")
    .toLowerCase()
    .replace(/([a-z\d]+)'([ts])(\s|$)/g, "$1$2$3")
    .replace(/[^a-z\d]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .substring(0, 200);
}

function bullets(items: { message: string }[]): string {
  return items.map((i) => `  • ${i.message}`).join("\n");
}

/** Like `prisma migrate dev --name <name>`: applies pending migrations, then creates a new migration from schema changes
 *  (prisma/schema.prisma) and applies it. Returns the new migration directory name, or null when the schema has no changes.
 *  Must refuse clearly (throw an Error with a readable message) when the change would lose data, unless opts.acceptDataLoss.
 *  With `createOnly`, the migration is written but not applied; as with the CLI, an empty migration (for hand-written
 *  SQL) is created when the schema has no changes. */
export async function migrateDev(
  databaseUrl: string,
  name: string,
  opts: { createOnly?: boolean; acceptDataLoss?: boolean; log?: MigrationLog } = {},
): Promise<string | null> {
  const log = opts.log ?? defaultLog;
  const createOnly = opts.createOnly ?? false;
  const migrationName = slugify(name);
  return withEngine(databaseUrl, async (s: EngineSession) => {
    const { engine, run } = s;
    const schema = { files: [{ path: s.schemaPath, content: s.schemaContent }] };

    await s.enablePreviewFeatures();
    const diagnostic = await run(
      engine.devDiagnostic({ migrationsList: await s.readMigrations(), filters: NO_FILTER }),
    );
    if (diagnostic.action.tag === "reset") {
      throw new Error(
        `migrate dev refused: the database must be reset first.\n${diagnostic.action.reason}\n` +
          "Resetting drops all data: drop and recreate the development database, then run this again.",
      );
    }

    const pending = await run(
      engine.applyMigrations({ migrationsList: await s.readMigrations(), filters: NO_FILTER }),
    );
    logApplied(log, pending.appliedMigrationNames);

    // evaluateDataLoss / createMigration see the shadow database only through a cache (keyed by
    // the applied migrations) that devDiagnostic fills: refresh it if migrations were just applied.
    let migrationsList = await s.readMigrations();
    if (pending.appliedMigrationNames.length > 0) {
      await run(engine.devDiagnostic({ migrationsList, filters: NO_FILTER }));
    }
    const loss = await run(engine.evaluateDataLoss({ migrationsList, schema, filters: NO_FILTER }));

    if (loss.unexecutableSteps.length > 0) {
      const text = `These schema changes cannot be executed on the current database:\n${bullets(loss.unexecutableSteps)}`;
      if (!createOnly) {
        throw new Error(
          `${text}\nCreate the migration with createOnly, edit its SQL to address them, then run migrate dev again.`,
        );
      }
      log(text);
    }
    if (loss.warnings.length > 0) {
      const text = `This change may lose data:\n${bullets(loss.warnings)}`;
      if (!opts.acceptDataLoss)
        throw new Error(
          `migrate dev refused. ${text}\nRun it again with acceptDataLoss to proceed.`,
        );
      log(`${text}\n(accepted)`);
    }
    if (loss.migrationSteps === 0 && !createOnly) {
      log(
        pending.appliedMigrationNames.length > 0
          ? "The database is now in sync with the schema."
          : "Already in sync, no schema change or pending migration was found.",
      );
      return null;
    }

    const created = await run(
      engine.createMigration({
        draft: createOnly,
        migrationName,
        migrationsList,
        schema,
        filters: NO_FILTER,
      }),
    );
    if (created.migrationScript === null) return null;
    const dir = path.join(s.migrationsDir, created.generatedMigrationName);
    if (existsSync(dir)) throw new Error(`The migration directory already exists at ${dir}`);
    await mkdir(dir, { recursive: true, mode: 0o777 });
    await writeFile(
      path.join(dir, `migration.${created.extension}`),
      created.migrationScript,
      "utf8",
    );
    await writeFile(
      path.join(s.migrationsDir, LOCKFILE_NAME),
      lockfileContent(created.connectorType),
      "utf8",
    );
    log(`Created migration ${path.join(MIGRATIONS_DIR, created.generatedMigrationName)}`);
    if (createOnly) return created.generatedMigrationName;

    migrationsList = await s.readMigrations();
    const applied = await run(engine.applyMigrations({ migrationsList, filters: NO_FILTER }));
    logApplied(log, applied.appliedMigrationNames);
    return created.generatedMigrationName;
  });
}

/** Names of the migrations recorded as successfully applied, in order (none without the table). */
async function appliedMigrations(databaseUrl: string): Promise<string[]> {
  const target = parseDatabaseUrl(databaseUrl);
  const client = new pg.Client(target.pool);
  client.on("error", () => {});
  await client.connect();
  try {
    const table = `"${(target.schema ?? "public").replace(/"/g, '""')}"."_prisma_migrations"`;
    const exists = await client.query<{ t: string | null }>("SELECT to_regclass($1)::text AS t", [
      table,
    ]);
    if (!exists.rows[0]?.t) return [];
    const res = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM ${table}
        WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL
        GROUP BY migration_name ORDER BY min(started_at), migration_name`,
    );
    return res.rows.map((r) => r.migration_name);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Like `prisma migrate status`: which migrations are applied, which pending, whether the database has drifted or history diverged. */
export async function migrateStatus(
  databaseUrl: string,
): Promise<{ applied: string[]; pending: string[]; problems: string[] }> {
  return withEngine(databaseUrl, async ({ engine, readMigrations, enablePreviewFeatures, run }) => {
    const migrationsList = await readMigrations();
    const local = migrationsList.migrationDirectories.map((d) => d.path);
    const d = await run(
      engine.diagnoseMigrationHistory({
        migrationsList,
        optInToShadowDatabase: false,
        filters: NO_FILTER,
      }),
    );
    const problems: string[] = [];
    let pending: string[] = [];
    const h = d.history;
    if (h?.diagnostic === "databaseIsBehind") pending = h.unappliedMigrationNames;
    if (h?.diagnostic === "migrationsDirectoryIsBehind") {
      problems.push(
        `Applied to the database but missing from ${MIGRATIONS_DIR}: ${h.unpersistedMigrationNames.join(", ")}`,
      );
    }
    if (h?.diagnostic === "historiesDiverge") {
      pending = h.unappliedMigrationNames;
      problems.push(
        `Migration history diverged ${h.lastCommonMigrationName ? `after ${h.lastCommonMigrationName}` : "from the first migration"}: ` +
          `the database has ${h.unpersistedMigrationNames.join(", ") || "nothing"} that ${MIGRATIONS_DIR} lacks`,
      );
    }
    for (const name of d.failedMigrationNames)
      problems.push(`Migration ${name} failed; resolve it before applying more`);
    for (const name of d.editedMigrationNames)
      problems.push(`Migration ${name} was modified after it was applied`);
    if (!d.hasMigrationsTable && local.length > 0) pending = local;

    // Drift: devDiagnostic replays the applied migrations into a shadow database and compares.
    if (problems.length === 0) {
      try {
        await enablePreviewFeatures();
        const dev = await run(engine.devDiagnostic({ migrationsList, filters: NO_FILTER }));
        if (dev.action.tag === "reset") problems.push(dev.action.reason.trim());
      } catch (e) {
        problems.push(`Could not check for drift: ${(e as Error).message}`);
      }
    }
    return { applied: await appliedMigrations(databaseUrl), pending, problems };
  });
}
