// Internals of lib/db/migrate.ts: Prisma's schema engine (compiled to WASM, the same engine the
// CLI runs natively) driven through @prisma/adapter-pg, because the CLI's `migrate` needs a native
// binary that cannot be downloaded here. See the "Prisma 7 offline" notes.
import { randomUUID } from "node:crypto";
import { readFile, readdir } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import {
  bindMigrationAwareSqlAdapterFactory,
  ColumnTypeEnum,
  type IsolationLevel,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlResultSet,
  type Transaction,
} from "@prisma/driver-adapter-utils";
import type { MigrationList, SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";

export const SCHEMA_PATH = "prisma/schema.prisma";
export const MIGRATIONS_DIR = "prisma/migrations";
export const LOCKFILE_NAME = "migration_lock.toml";
export const NO_FILTER: SchemaFilter = { externalTables: [], externalEnums: [] };

// ---------------------------------------------------------------------------------------------
// WASM loading. The package entry imports the .wasm as an ES module, which Node 20 cannot do:
// instantiate it by hand with the JS glue as its import object.

let lastPanic: string | undefined;
let wasmReady: Promise<void> | undefined;
const engineTimers = new Set<ReturnType<typeof setTimeout>>();
let activeSessions = 0;

function loadWasm(): Promise<void> {
  wasmReady ??= (async () => {
    (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
      set_message(message: string) {
        // A panic usually surfaces as an uncaught "RuntimeError: unreachable": say why first.
        lastPanic = message;
        process.stderr.write(`Prisma schema engine panicked: ${message}\n`);
      },
    };
    const require = createRequire(import.meta.url);
    const glue = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const bytes = await readFile(path.join(path.dirname(glue), "schema_engine_bg.wasm"));
    // The engine arms timers it never cancels (e.g. the 10 s advisory-lock timeout): keep track
    // of them so that they can be cleared when no engine is in use, or the process lingers.
    const imports: WebAssembly.ModuleImports = { ...(bg as unknown as WebAssembly.ModuleImports) };
    for (const name of Object.keys(imports)) {
      if (!name.startsWith("__wbg_setTimeout_")) continue;
      imports[name] = (fn: () => void, ms: number) => {
        const timer = setTimeout(() => {
          engineTimers.delete(timer);
          fn();
        }, ms >>> 0);
        engineTimers.add(timer);
        return timer;
      };
    }
    const { instance } = await WebAssembly.instantiate(bytes, { "./schema_engine_bg.js": imports });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return wasmReady;
}

// ---------------------------------------------------------------------------------------------
// Connection settings. Discrete fields, not `connectionString`: pg lets a connection string win
// over `database`, which would point the "shadow" database at the main one.

export interface DbTarget {
  pool: pg.PoolConfig;
  schema: string | undefined;
}

export function parseDatabaseUrl(databaseUrl: string): DbTarget {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    throw new Error(
      "DATABASE_URL is not a valid URL (expected postgresql://user:password@host:port/database)",
    );
  }
  if (url.protocol !== "postgres:" && url.protocol !== "postgresql:") {
    throw new Error(`DATABASE_URL must start with postgresql:// (got ${url.protocol}//)`);
  }
  const q = url.searchParams;
  const host = q.get("host") ?? (url.hostname.replace(/^\[(.*)\]$/, "$1") || "localhost");
  const sslmode = q.get("sslmode");
  let ssl: pg.PoolConfig["ssl"];
  if (sslmode === "require" || sslmode === "prefer" || sslmode === "no-verify")
    ssl = { rejectUnauthorized: false };
  else if (sslmode === "verify-ca" || sslmode === "verify-full") ssl = true;
  const schema = q.get("schema") ?? undefined;
  return {
    pool: {
      // Like the native engine: unqualified names in migrations go to the `?schema=` schema.
      ...(schema ? { options: `-c search_path="${schema.replace(/"/g, '""')}"` } : {}),
      host,
      port: url.port ? Number(url.port) : 5432,
      user: decodeURIComponent(url.username) || undefined,
      password: decodeURIComponent(url.password) || undefined,
      database: decodeURIComponent(url.pathname.replace(/^\//, "")) || undefined,
      ssl,
      max: 4,
      connectionTimeoutMillis: 15_000,
      application_name: "prisma-migrate-wasm",
    },
    schema,
  };
}

// ---------------------------------------------------------------------------------------------
// Driver adapter factory.

/** adapter-pg cannot decode PostgreSQL's `"char"` (oid 18), which the engine's catalog queries
 *  return (e.g. pg_constraint.contype), and the engine wants such columns typed as Character, not
 *  Text. The pg client below reports them as text so adapter-pg accepts them, and remembers their
 *  positions (keyed by the rows array, which adapter-pg passes through) for `retypeChars`. */
const charColumns = new WeakMap<object, number[]>();

function patchCharFields(result: unknown): void {
  for (const r of Array.isArray(result) ? result : [result]) {
    const { fields, rows } = (r ?? {}) as { fields?: { dataTypeID: number }[]; rows?: object };
    if (!fields || !rows) continue;
    const idx: number[] = [];
    fields.forEach((f, i) => {
      if (f.dataTypeID === 18) {
        f.dataTypeID = 25;
        idx.push(i);
      }
    });
    if (idx.length) charColumns.set(rows, idx);
  }
}

function retypeChars(rs: SqlResultSet): SqlResultSet {
  for (const i of charColumns.get(rs.rows) ?? []) rs.columnTypes[i] = ColumnTypeEnum.Character;
  return rs;
}

class CharAsTextClient extends pg.Client {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  override query(...args: any[]): any {
    if (typeof args[0]?.submit === "function") return super.query(args[0], args[1], args[2]);
    const cb = args.findIndex((a) => typeof a === "function");
    if (cb >= 0) {
      const done = args[cb] as (err: unknown, res: unknown) => void;
      args[cb] = (err: unknown, res: unknown) => {
        if (!err) patchCharFields(res);
        done(err, res);
      };
      return super.query(args[0], args[1], args[2]);
    }
    return (super.query(args[0], args[1]) as Promise<unknown>).then((res) => {
      patchCharFields(res);
      return res;
    });
  }
}

function wrapTransaction(tx: Transaction): Transaction {
  const queryRaw = tx.queryRaw.bind(tx);
  return Object.assign(tx, { queryRaw: async (q: SqlQuery) => retypeChars(await queryRaw(q)) });
}

const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** Implements what adapter-pg's own factory gets wrong for migrations:
 *  - executeScript sends the script whole (simple query protocol) instead of splitting it on
 *    every ";", which breaks plpgsql bodies and string literals;
 *  - the shadow database is created, connected to by name, and dropped after its pool closed;
 *  - every pool is tracked, so that `closeAll()` leaves nothing open. */
export class MigrationAdapterFactory implements SqlMigrationAwareDriverAdapterFactory {
  readonly provider = "postgres" as const;
  readonly adapterName = "@prisma/adapter-pg";
  private readonly open = new Set<SqlDriverAdapter>();
  /** PostgreSQL's own message for the last script that failed (the engine only keeps a summary). */
  lastScriptError: string | undefined;

  constructor(private readonly target: DbTarget) {}

  connect(): Promise<SqlDriverAdapter> {
    return this.openAdapter(this.target.pool);
  }

  async connectToShadowDb(): Promise<SqlDriverAdapter> {
    const database = `prisma_migrate_shadow_db_${randomUUID().replace(/-/g, "")}`;
    if (process.env.PRISMA_MIGRATE_DEBUG)
      process.stderr.write(`[migrate] shadow database ${database}\n`);
    await this.admin(`CREATE DATABASE ${quoteIdent(database)}`);
    try {
      return await this.openAdapter({ ...this.target.pool, database }, () =>
        this.admin(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`),
      );
    } catch (e) {
      await this.admin(`DROP DATABASE IF EXISTS ${quoteIdent(database)} WITH (FORCE)`).catch(
        () => {},
      );
      throw e;
    }
  }

  /** Disposes every adapter the engine did not dispose itself (drops leftover shadow databases). */
  async closeAll(): Promise<void> {
    const errors: unknown[] = [];
    for (const adapter of [...this.open])
      await adapter.dispose().catch((e: unknown) => errors.push(e));
    if (errors.length) throw errors[0];
  }

  /** Runs one statement on a short-lived connection to the main database. */
  async admin(sql: string): Promise<void> {
    const client = new pg.Client(this.target.pool);
    client.on("error", () => {});
    try {
      await client.connect();
      await client.query(sql);
    } finally {
      await client.end().catch(() => {});
    }
  }

  private async openAdapter(
    config: pg.PoolConfig,
    afterClose?: () => Promise<void>,
  ): Promise<SqlDriverAdapter> {
    const schema = this.target.schema;
    const inner = await new PrismaPg(
      { ...config, Client: CharAsTextClient as unknown as pg.PoolConfig["Client"] },
      { schema, onPoolError: () => {} },
    ).connect();
    let closing: Promise<void> | undefined;
    const adapter: SqlDriverAdapter = {
      provider: "postgres",
      adapterName: inner.adapterName,
      queryRaw: async (q: SqlQuery) => retypeChars(await inner.queryRaw(q)),
      executeRaw: (q: SqlQuery) => inner.executeRaw(q),
      // No parameters: pg uses the simple query protocol, which runs a multi-statement script
      // as one implicit transaction, like the native engine does.
      executeScript: async (script: string) => {
        try {
          await inner.executeRaw({ sql: script, args: [], argTypes: [] });
        } catch (e) {
          const cause = (e as { cause?: { originalMessage?: string; originalCode?: string } })
            .cause;
          const message = cause?.originalMessage ?? (e as Error).message;
          this.lastScriptError = cause?.originalCode
            ? `${message} (SQLSTATE ${cause.originalCode})`
            : message;
          throw e;
        }
      },
      startTransaction: async (level?: IsolationLevel) =>
        wrapTransaction(await inner.startTransaction(level)),
      getConnectionInfo: () => inner.getConnectionInfo(),
      dispose: () =>
        (closing ??= (async () => {
          this.open.delete(adapter);
          try {
            await inner.dispose();
          } finally {
            await afterClose?.();
          }
        })()),
    };
    this.open.add(adapter);
    return adapter;
  }
}

// ---------------------------------------------------------------------------------------------
// Migrations directory, read the way the CLI reads it.

export async function readMigrationsList(baseDir: string): Promise<MigrationList> {
  const lockContent = await readFile(path.join(baseDir, LOCKFILE_NAME), "utf8").catch(() => null);
  const entries = await readdir(baseDir, { withFileTypes: true }).catch(() => []);
  const dirs = entries.filter((e) => e.isDirectory()).map((e) => e.name);
  dirs.sort((a, b) => a.localeCompare(b));
  const migrationDirectories = await Promise.all(
    dirs.map(async (name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: await readFile(path.join(baseDir, name, "migration.sql"), "utf8").then(
          (value) => ({ tag: "ok" as const, value }),
          (e: Error) => ({ tag: "error" as const, value: e.message }),
        ),
      },
    })),
  );
  return {
    baseDir,
    lockfile: { path: LOCKFILE_NAME, content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

export function lockfileContent(provider: string): string {
  return `# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "${provider}"\n`;
}

// ---------------------------------------------------------------------------------------------
// Engine session.

export interface EngineSession {
  engine: SchemaEngine;
  factory: MigrationAdapterFactory;
  schemaPath: string;
  schemaContent: string;
  migrationsDir: string;
  readMigrations(): Promise<MigrationList>;
  /** Awaits an engine call, turning its error into a readable Error. */
  run<T>(p: Promise<T>): Promise<T>;
  /** Makes the engine honour the schema's preview features (see below). Call before devDiagnostic. */
  enablePreviewFeatures(): Promise<void>;
}

/** Engine errors arrive as Errors (with a Prisma `code` such as P3009) whose message ends with a
 *  Rust span trace, or as plain values: turn them into short, readable Errors. */
export function engineError(e: unknown, factory?: MigrationAdapterFactory): Error {
  if (lastPanic !== undefined) {
    const panic = lastPanic;
    lastPanic = undefined;
    return new Error(`Prisma schema engine crashed: ${panic}`);
  }
  const raw = e instanceof Error ? e.message : typeof e === "string" ? e : JSON.stringify(e);
  const trace = raw.search(/\n\s+0: /);
  let message = (trace >= 0 ? raw.slice(0, trace) : raw).trim();
  // Applying a migration to the database failed: the engine only says "external connector error".
  const failed =
    message.startsWith("external connector error") && raw.includes("apply_migrations")
      ? /migration_name="([^"]+)"/.exec(raw)?.[1]
      : undefined;
  if (failed) {
    message =
      `Migration ${failed} failed to apply: ${factory?.lastScriptError ?? message.replace(/^external connector error\n/, "")}\n` +
      "It is recorded as failed in _prisma_migrations: fix it, then drop and " +
      "recreate a development database, or mark it rolled back (set rolled_back_at) before deploying again.";
  }
  const err = new Error(message, { cause: e });
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === "string") Object.assign(err, { code });
  return err;
}

export async function withEngine<T>(
  databaseUrl: string,
  fn: (s: EngineSession) => Promise<T>,
): Promise<T> {
  const target = parseDatabaseUrl(databaseUrl);
  const cwd = process.cwd();
  const schemaPath = path.join(cwd, SCHEMA_PATH);
  const migrationsDir = path.join(cwd, MIGRATIONS_DIR);
  const schemaContent = await readFile(schemaPath, "utf8");
  await loadWasm();
  const factory = new MigrationAdapterFactory(target);
  let engine: SchemaEngine | undefined;
  let succeeded = false;
  activeSessions++;
  try {
    const created = await bg.SchemaEngine.new(
      { datamodels: [[schemaPath, schemaContent]] },
      (line: string) => {
        if (process.env.PRISMA_MIGRATE_DEBUG) process.stderr.write(`[schema-engine] ${line}\n`);
      },
      bindMigrationAwareSqlAdapterFactory(factory),
    ).catch((e: unknown) => Promise.reject(engineError(e, factory)));
    engine = created;
    const session: EngineSession = {
      engine: created,
      factory,
      schemaPath,
      schemaContent,
      migrationsDir,
      readMigrations: () => readMigrationsList(migrationsDir),
      run: (p) => call(p, factory),
      // The WASM engine builds its connector from the adapter alone, ignoring the preview features
      // of the schema given to SchemaEngine.new. Without `partialIndexes`, the database and the
      // shadow database are described without their partial indexes, so every `dev` would
      // recreate them. A `diff` from the schema's datasource is the one call that sets the
      // connector's preview features (for the rest of the engine's life).
      enablePreviewFeatures: async () => {
        const files = [{ path: schemaPath, content: schemaContent }];
        await call(
          created.diff({
            from: { tag: "schemaDatasource", files, configDir: cwd },
            to: { tag: "empty" },
            script: false,
            exitCode: null,
            filters: NO_FILTER,
          }),
        );
      },
    };
    const result = await fn(session);
    succeeded = true;
    return result;
  } finally {
    engine?.free();
    try {
      await factory.closeAll();
    } catch (e) {
      // Don't let a cleanup failure hide the error that got us here.
      if (succeeded) throw e;
      process.stderr.write(`migrate: cleanup failed: ${(e as Error).message}\n`);
    } finally {
      if (--activeSessions === 0) {
        for (const timer of engineTimers) clearTimeout(timer);
        engineTimers.clear();
      }
    }
  }
}

/** Awaits an engine call, converting its error into a readable Error. */
export async function call<T>(p: Promise<T>, factory?: MigrationAdapterFactory): Promise<T> {
  try {
    return await p;
  } catch (e) {
    throw engineError(e, factory);
  }
}
