import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

/**
 * What a module imports at run time: `import … from`, `export … from`, bare `import "…"` and
 * `import("…")`, leaving out type-only imports (erased before the browser sees them).
 */
function runtimeImports(source: string): string[] {
  const specifiers: string[] = [];
  for (const match of source.matchAll(
    /^\s*(import|export)\s+([^;]*?)\s+from\s+["']([^"']+)["']/gm,
  )) {
    const clause = match[2]!;
    const typeOnly =
      /^type\s/.test(clause) || /^\{\s*(type\s+\w+\s*(as\s+\w+\s*)?,?\s*)+\}$/.test(clause);
    if (!typeOnly) specifiers.push(match[3]!);
  }
  for (const match of source.matchAll(/^\s*import\s+["']([^"']+)["']/gm))
    specifiers.push(match[1]!);
  for (const match of source.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g))
    specifiers.push(match[1]!);
  return specifiers;
}

/** The project file a specifier names, or null for a package. */
function resolveLocal(specifier: string, from: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null;
  const candidates = [
    base,
    `${base}.ts`,
    `${base}.tsx`,
    path.join(base, "index.ts"),
    path.join(base, "index.tsx"),
  ];
  const found = candidates.find((candidate) => /\.tsx?$/.test(candidate) && existsSync(candidate));
  if (!found)
    throw new Error(`${path.relative(root, from)} imports ${specifier}, which does not resolve`);
  return found;
}

const isDirective = (source: string, directive: string) =>
  new RegExp(`^["']${directive}["'];`, "m").test(source);

/** The packages a client component brings into the browser, with the import chain to each. */
function packagesReached(entry: string): Map<string, string[]> {
  const reached = new Map<string, string[]>();
  const seen = new Set<string>();
  const visit = (file: string, chain: string[]) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    // A server action is a reference in the browser: what it imports stays on the server.
    if (file !== entry && isDirective(source, "use server")) return;
    for (const specifier of runtimeImports(source)) {
      const local = resolveLocal(specifier, file);
      const next = [...chain, path.relative(root, file)];
      if (local) visit(local, next);
      else if (!reached.has(specifier)) reached.set(specifier, next);
    }
  };
  visit(entry, []);
  return reached;
}

function clientComponents(): string[] {
  return ["app", "components"]
    .flatMap((dir) =>
      readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" }).map((file) =>
        path.join(root, dir, file),
      ),
    )
    .filter(
      (file) => /\.tsx?$/.test(file) && isDirective(readFileSync(file, "utf8"), "use client"),
    );
}

describe("what client components send to the browser", () => {
  it("no client component imports zod, directly or through the modules it imports (forms check with plain rules.ts code)", () => {
    const components = clientComponents();
    expect(components.map((file) => path.relative(root, file))).toContain(
      "components/sign-in-form.tsx",
    );
    const offenders = components.flatMap((file) =>
      [...packagesReached(file)]
        .filter(([specifier]) => specifier === "zod" || specifier.startsWith("zod/"))
        .map(([, chain]) => chain.join(" → ")),
    );
    expect(offenders).toEqual([]);
  });
});
