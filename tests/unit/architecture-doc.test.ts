import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { JOB_NAMES } from "@/lib/jobs/names";

/*
 * docs/architecture.md is a newcomer's map: it must not name a file that is gone, and what it
 * lists as complete (the jobs, the SQL areas) must be complete.
 */
const root = path.resolve(import.meta.dirname, "../..");
const doc = readFileSync(path.join(root, "docs/architecture.md"), "utf8");

/** Every `path` in backticks that starts with a top-level folder of the repository or is a root file. */
function namedPaths(text: string): string[] {
  const found = [
    ...text.matchAll(/`((?:app|lib|components|tests|prisma|scripts|bench)\/[^`\s]*|proxy\.ts)`/g),
  ]
    .map((match) => match[1]!)
    // A pattern, not a file: `lib/<feature>/`, `app/**/actions.ts`, `lib/db/sql/<area>.ts`.
    .filter((named) => !/[<>*]/.test(named));
  return [...new Set(found)];
}

describe("docs/architecture.md", () => {
  it("names only files and folders that exist", () => {
    const named = namedPaths(doc);
    expect(named.length).toBeGreaterThan(50);
    expect(named.filter((named) => !existsSync(path.join(root, named)))).toEqual([]);
  });

  it("lists every background job with its file", () => {
    for (const job of JOB_NAMES) expect(doc).toMatch(new RegExp(`\\| \`${job}\`\\s+\\|`));
  });

  it("names every area of lib/db/sql/", () => {
    const areas = readdirSync(path.join(root, "lib/db/sql")).filter((file) => file.endsWith(".ts"));
    expect(areas.length).toBeGreaterThan(10);
    const unnamed = areas.filter(
      (file) => !doc.includes(`lib/db/sql/${file}`) && !doc.includes(`\`${file}\``),
    );
    expect(unnamed).toEqual([]);
  });

  it("finds a missing file and a missing job (the checks can fail)", () => {
    expect(namedPaths("see `lib/nowhere/gone.ts` and `lib/<feature>/`")).toEqual([
      "lib/nowhere/gone.ts",
    ]);
    expect("| `outbox` | x |").not.toMatch(/\| `webhooks`\s+\|/);
  });
});
