import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const BUILD_INPUTS = [
  "app",
  "components",
  "lib",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "instrumentation-client.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "package-lock.json",
];
const BUILD_STAMP = path.resolve(process.env.NEXT_DIST_DIR ?? ".next", "source-hash");
export const nextBin = path.resolve("node_modules", ".bin", "next");

/** The V8 heap limit a portal server runs with, unless NODE_OPTIONS sets one (docs/deploy.md, "Memory"). */
export const SERVER_HEAP_LIMIT_MB = 1024;

/**
 * NODE_OPTIONS for a portal server (`npm start`, the bench, the tests' servers): the caller's, with
 * a heap limit of SERVER_HEAP_LIMIT_MB unless they set their own. V8 lets the heap grow between full
 * collections by a factor it derives from the limit: with Node's default on a machine with 16 GB or
 * more (4 GB), up to 4× what is live; with 1 GB, about 1.6×. The bench measured next-server's peak
 * at 579–655 MB without it and 369 MB with it, for a live heap of 77–117 MB (docs/benchmarks-history.md).
 */
export function serverNodeOptions(nodeOptions: string | undefined): string {
  const given = nodeOptions?.trim() ?? "";
  return /--max[-_]old[-_]space[-_]size/.test(given)
    ? given
    : `${given} --max-old-space-size=${SERVER_HEAP_LIMIT_MB}`.trim();
}

function hashInputs(): string {
  const hash = createHash("sha256");
  const visit = (entry: string) => {
    if (!existsSync(entry) || entry.endsWith(`${path.sep}generated`)) return;
    if (statSync(entry).isDirectory()) {
      for (const child of readdirSync(entry).sort()) visit(path.join(entry, child));
    } else {
      hash.update(entry).update(readFileSync(entry));
    }
  };
  BUILD_INPUTS.forEach(visit);
  return hash.digest("hex");
}

/** `next build`, unless the last build was made from exactly these sources. */
export function buildIfStale(env: NodeJS.ProcessEnv, log: (line: string) => void): void {
  const current = hashInputs();
  if (existsSync(BUILD_STAMP) && readFileSync(BUILD_STAMP, "utf8") === current) return;
  log("Building the portal (first start, or the sources changed) …");
  const result = spawnSync(nextBin, ["build"], {
    stdio: "inherit",
    env: { ...env, NEXT_TELEMETRY_DISABLED: "1" },
  });
  if (result.status !== 0) throw new Error("next build failed");
  writeFileSync(BUILD_STAMP, current);
}
