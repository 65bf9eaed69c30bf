/**
 * EXPLAIN (ANALYZE) of the hot queries, exactly as the app issues them: the bench runs the app's own
 * use cases (lookupAccounts, listQueue, listMyRequests, searchRequests, deliverDueEmails) in this
 * process against the bench database, records every SQL statement Prisma sends (query events), and
 * explains each one with its parameters. When a colleague changes a query, the bench explains the
 * new one. A sequential scan of a large table fails the check.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { Database } from "@/lib/db/client";
import { PrismaClient } from "@/lib/generated/prisma/client";

/** Tables with at least this many rows (10k, or 1k in --quick) are "large": a Seq Scan on them fails. */
export const largeTableRows = (scale: number) => Math.max(1_000, Math.round(10_000 * scale));

export interface CapturedQuery {
  sql: string;
  params: unknown[];
}

export interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Actual Rows"?: number;
  "Actual Loops"?: number;
  "Actual Total Time"?: number;
  Plans?: PlanNode[];
}

export interface ExplainedQuery {
  /** Hot path and statement, e.g. "admin queue (deep page) #2". */
  name: string;
  sql: string;
  executionMs: number;
  planningMs: number;
  /** Node types with their relation / index, outermost first. */
  shape: string[];
  /** The same nodes indented as EXPLAIN prints them, with rows, loops and time when ANALYZEd. */
  tree: string[];
  seqScansOnLargeTables: string[];
  ok: boolean;
}

/**
 * A Prisma client and a pool that record what they send, installed where lib/db/client.ts looks for
 * them: the pool sees only hotQuery's statements (the client has its own connections).
 */
export function installRecordingClient(url: string): {
  client: PrismaClient;
  take(): CapturedQuery[];
} {
  const client = new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: 4 }),
    log: [{ emit: "event", level: "query" }],
  });
  let captured: CapturedQuery[] = [];
  client.$on("query", (event) => {
    let params: unknown[] = [];
    try {
      params = JSON.parse(event.params) as unknown[];
    } catch {
      params = [];
    }
    captured.push({ sql: event.query, params });
  });
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  // Its idle connections end with the bench's database.
  pool.on("error", () => undefined);
  // Every connection of the pool records what it sends: hotQuery's statements (pool.query) and
  // sqlTransaction's (on a connection it takes; BEGIN and COMMIT too, which have no plan).
  pool.on("connect", (connection) => {
    const send = connection.query.bind(connection) as (...args: unknown[]) => unknown;
    connection.query = ((...args: unknown[]) => {
      const [config, second] = args as [pg.QueryConfig | string, unknown];
      const values = Array.isArray(second) ? second : [];
      captured.push(
        typeof config === "string"
          ? { sql: config, params: values }
          : { sql: config.text, params: config.values ?? values },
      );
      return send(...args);
    }) as typeof connection.query;
  });
  // lib/db/client.ts keeps its database on globalThis and creates one only if none is there.
  (globalThis as unknown as { portalDatabase?: Database }).portalDatabase = {
    prisma: client,
    pool,
  };
  return {
    client,
    take() {
      const taken = captured;
      captured = [];
      return taken;
    },
  };
}

function walk(node: PlanNode, visit: (node: PlanNode, depth: number) => void, depth = 0) {
  visit(node, depth);
  for (const child of node.Plans ?? []) walk(child, visit, depth + 1);
}

function actual(node: PlanNode): string {
  if (node["Actual Rows"] === undefined) return "";
  const time = node["Actual Total Time"];
  return ` (rows=${node["Actual Rows"]} loops=${node["Actual Loops"] ?? 1}${time === undefined ? "" : ` time=${time} ms`})`;
}

/** Statements that only manage the transaction or the session have no plan. */
const explainable = (sql: string) => /^\s*(WITH|SELECT|UPDATE|INSERT|DELETE)\b/i.test(sql);

interface ExplainedPlan {
  Plan: PlanNode;
  "Execution Time"?: number;
  "Planning Time"?: number;
}

/** A call of one of the hot statements' PL/pgSQL functions (prisma/migrations/…_hot_statement_functions). */
const callsPlpgsql = (sql: string) => /\bFROM\s+"(api_access_check|session_user_of)"\(/.test(sql);

/**
 * The plan of the statement inside a PL/pgSQL function, which EXPLAIN of the call does not show
 * (a Function Scan): the call is run with auto_explain logging nested statements to this client
 * as notices, and the function's own statement is the plan that is not the call's.
 */
async function planInside(client: pg.Client, query: CapturedQuery): Promise<ExplainedPlan> {
  const plans: { "Query Text": string; Plan: PlanNode }[] = [];
  const onNotice = (notice: { message?: string }) => {
    const json = notice.message?.slice(notice.message.indexOf("{"));
    if (json?.startsWith("{"))
      plans.push(JSON.parse(json) as { "Query Text": string; Plan: PlanNode });
  };
  await client.query(`LOAD 'auto_explain'`);
  for (const setting of [
    "log_min_duration = 0",
    "log_nested_statements = on",
    "log_analyze = on",
    "log_buffers = on",
    "log_format = 'json'",
    "log_level = 'notice'",
  ]) {
    await client.query(`SET LOCAL auto_explain.${setting}`);
  }
  await client.query("SET LOCAL client_min_messages = 'notice'");
  client.on("notice", onNotice);
  const started = performance.now();
  try {
    await client.query(query.sql, query.params);
  } finally {
    client.off("notice", onNotice);
  }
  const inside = plans.find((plan) => !callsPlpgsql(plan["Query Text"]));
  if (!inside) throw new Error(`auto_explain showed no plan inside ${query.sql.slice(0, 80)}`);
  return { Plan: inside.Plan, "Execution Time": performance.now() - started };
}

/**
 * EXPLAIN (ANALYZE, FORMAT JSON) of each statement, in a transaction that is rolled back (ANALYZE
 * runs the statement: the outbox claim really claims). INSERTs are planned, not run.
 */
export async function explainAll(
  url: string,
  named: { name: string; queries: CapturedQuery[] }[],
  largeRows: number,
): Promise<ExplainedQuery[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // reltuples is -1 until a table is first analyzed; the statistics collector's live-row count is not.
    const { rows: sizes } = await client.query<{ relname: string; rows: number }>(
      `SELECT c.relname, greatest(c.reltuples, coalesce(s.n_live_tup, 0))::bigint AS rows
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_stat_user_tables s ON s.relid = c.oid
        WHERE n.nspname = 'public' AND c.relkind = 'r'`,
    );
    const large = new Set(
      sizes.filter((size) => Number(size.rows) >= largeRows).map((size) => size.relname),
    );
    const results: ExplainedQuery[] = [];
    for (const { name, queries } of named) {
      const statements = queries.filter((query) => explainable(query.sql));
      for (const [index, query] of statements.entries()) {
        await client.query("BEGIN");
        try {
          // An INSERT of a captured statement would insert its row (and id) a second time: planned only.
          const insert = /^\s*INSERT\b/i.test(query.sql);
          const top = callsPlpgsql(query.sql)
            ? await planInside(client, query)
            : (
                await client.query<{ "QUERY PLAN": [ExplainedPlan] }>(
                  `EXPLAIN (${insert ? "" : "ANALYZE, BUFFERS, "}FORMAT JSON) ${query.sql}`,
                  query.params,
                )
              ).rows[0]!["QUERY PLAN"][0];
          const shape: string[] = [];
          const tree: string[] = [];
          const seqScans: string[] = [];
          walk(top.Plan, (node, depth) => {
            const on = node["Index Name"] ?? node["Relation Name"];
            shape.push(on ? `${node["Node Type"]} (${on})` : node["Node Type"]);
            const index = node["Index Name"] ? ` using ${node["Index Name"]}` : "";
            const relation = node["Relation Name"] ? ` on ${node["Relation Name"]}` : "";
            tree.push(
              `${"  ".repeat(depth)}${node["Node Type"]}${index}${relation}${actual(node)}`,
            );
            if (
              node["Node Type"] === "Seq Scan" &&
              node["Relation Name"] &&
              large.has(node["Relation Name"])
            ) {
              seqScans.push(node["Relation Name"]);
            }
          });
          results.push({
            name: statements.length > 1 ? `${name} #${index + 1}` : name,
            sql: query.sql,
            executionMs: top["Execution Time"] ?? 0,
            planningMs: top["Planning Time"] ?? 0,
            shape,
            tree,
            seqScansOnLargeTables: seqScans,
            ok: seqScans.length === 0,
          });
        } finally {
          await client.query("ROLLBACK");
        }
      }
    }
    return results;
  } finally {
    await client.end();
  }
}
