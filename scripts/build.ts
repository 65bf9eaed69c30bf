import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

const BUILD_INPUTS = [
  "app", "components", "lib", "public", "proxy.ts", "instrumentation.ts", "instrumentation-client.ts", "next.config.ts",
  "postcss.config.mjs", "tsconfig.json", "package-lock.json",
];
const BUILD_STAMP = path.resolve(process.env.NEXT_DIST_DIR ?? ".next", "source-hash");
export const nextBin = path.resolve("node_modules", ".bin", "next");

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
  const result = spawnSync(nextBin, ["build"], { stdio: "inherit", env: { ...env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error("next build failed");
  writeFileSync(BUILD_STAMP, current);
}
