/**
 * bench/results/query-plans.md (ignored by git, like latest.json): the plan of every hot statement
 * the bench explained (explain.ts), written by each run, so the plans one reads are the current
 * code's on a data set of known size rather than a copy pasted into the docs.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ExplainedQuery } from "./explain";
import { ms } from "./report";

/** The commit the bench ran, marked when the worktree has changes not committed yet. */
function gitCommit(): string {
  try {
    const git = (...args: string[]) => execFileSync("git", args, { encoding: "utf8" }).trim();
    const commit = git("rev-parse", "--short=12", "HEAD");
    return git("status", "--porcelain") ? `${commit} (with uncommitted changes)` : commit;
  } catch {
    return "unknown (not a git checkout)";
  }
}

export function writeQueryPlans(
  file: string,
  run: { mode: "full" | "quick"; rows: Record<string, number>; explained: ExplainedQuery[] },
): void {
  const sizes = Object.entries(run.rows)
    .filter(([, n]) => n > 0)
    .map(([table, n]) => `${table} ${n.toLocaleString("en")}`)
    .join(", ");
  const sections = run.explained.map((query) =>
    [
      `## ${query.name}${query.ok ? "" : ` — Seq Scan on ${query.seqScansOnLargeTables.join(", ")}`}`,
      "",
      // An INSERT is planned only; a PL/pgSQL function's inner statement reports no planning time.
      query.executionMs
        ? `Execution ${ms(query.executionMs)}${query.planningMs ? `, planning ${ms(query.planningMs)}` : ""}.`
        : "Planned, not run.",
      "",
      "```sql",
      query.sql.trim(),
      "```",
      "",
      "```text",
      ...query.tree,
      "```",
    ].join("\n"),
  );
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    [
      "# Query plans of the hot paths",
      "",
      `Written by \`npm run bench${run.mode === "quick" ? " -- --quick" : ""}\` on ${new Date().toISOString()}, commit ${gitCommit()}.`,
      `Data set (${run.mode}): ${sizes}.`,
      "EXPLAIN (ANALYZE, BUFFERS) of each statement as the app sent it, in a rolled-back transaction",
      "(INSERTs are planned, not run; a PL/pgSQL function's call shows the statement inside it).",
      "See docs/benchmarks.md.",
      "",
      ...sections.flatMap((section) => [section, ""]),
    ].join("\n"),
  );
}
