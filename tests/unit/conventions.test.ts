import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

/*
 * The database rule (docs/architecture.md, "The database rule"): Prisma for ordinary reads and
 * writes; raw SQL, a pg pool and id generation only under lib/db/ (the statements in
 * lib/db/sql/, one file per area, called by name). Anything below found elsewhere fails here.
 */

/** The one folder allowed raw SQL, pg, and making ids in the database. */
const DATABASE_FOLDER = "lib/db/";

/** What the app's own code is made of: scanned. */
const SCANNED = ["lib", "app", "scripts", "proxy.ts"];
/** Prisma's generated client, and tests wherever they are: not scanned. */
const NOT_SCANNED = (file: string) =>
  file.startsWith("lib/generated/") || /\.test\.tsx?$/.test(file);

/** Each forbidden token, and the pattern that finds it on a line (longest names first). */
const FORBIDDEN: [token: string, pattern: RegExp][] = [
  ["Prisma.sql", /\bPrisma\.sql\b/],
  ["Prisma.raw", /\bPrisma\.raw\b/],
  ["Prisma.join", /\bPrisma\.join\b/],
  ["Prisma.empty", /\bPrisma\.empty\b/],
  ["$queryRawUnsafe", /\$queryRawUnsafe\b/],
  ["$executeRawUnsafe", /\$executeRawUnsafe\b/],
  ["$queryRaw", /\$queryRaw/],
  ["$executeRaw", /\$executeRaw/],
  ["hotQuery(", /\bhotQuery\(/],
  ['import … from "pg"', /\bfrom\s+["']pg["']|\b(?:require|import)\(\s*["']pg["']\s*\)/],
  ["new Pool", /\bnew\s+(?:pg\.)?Pool\b/],
  ["pg.Pool", /\bpg\.Pool\b/],
  ["gen_random_uuid", /\bgen_random_uuid\b/],
  ["randomUUID(", /\brandomUUID\(/],
];

const allowed = (file: string) => file.startsWith(DATABASE_FOLDER);

/**
 * Ids are UUID v7 everywhere (lib/uuidv7.ts; `uuid_v7()` for rows a statement makes), lib/db/
 * included: only the migration engine names a throwaway shadow database with a random UUID.
 */
const OTHER_ID_SCHEMES = /\bgen_random_uuid\b|\brandomUUID\(/;
const NAMES_NO_ROW = ["lib/db/migrate-engine.ts"];

function sourceFiles(entry: string): string[] {
  const full = path.join(root, entry);
  if (statSync(full).isFile()) return [entry];
  return readdirSync(full, { recursive: true, encoding: "utf8" })
    .map((name) => path.posix.join(entry, name.split(path.sep).join("/")))
    .filter((file) => /\.(ts|tsx|js|mjs|cjs)$/.test(file));
}

/** `file:line: token` for every forbidden token in the source. */
function violationsIn(file: string, source: string): string[] {
  return source.split("\n").flatMap((line, index) => {
    const found = FORBIDDEN.find(([, pattern]) => pattern.test(line));
    return found ? [`${file}:${index + 1}: ${found[0]}`] : [];
  });
}

describe("the database rule", () => {
  it("raw SQL, pg pools and id generation appear only in lib/db/", () => {
    const files = SCANNED.flatMap(sourceFiles).filter((file) => !NOT_SCANNED(file));
    expect(files.length).toBeGreaterThan(100);
    const violations = files
      .filter((file) => !allowed(file))
      .flatMap((file) => violationsIn(file, readFileSync(path.join(root, file), "utf8")));
    expect(violations).toEqual([]);
  });

  it("makes every id as a UUID v7, in lib/db/ too", () => {
    const files = SCANNED.flatMap(sourceFiles).filter((file) => !NOT_SCANNED(file));
    const violations = files
      .filter((file) => !NAMES_NO_ROW.includes(file))
      .flatMap((file) =>
        readFileSync(path.join(root, file), "utf8")
          .split("\n")
          .flatMap((line, index) =>
            OTHER_ID_SCHEMES.test(line) && !line.trim().startsWith("*")
              ? [`${file}:${index + 1}`]
              : [],
          ),
      );
    expect(violations).toEqual([]);
  });

  it.each([
    ["const statement = Prisma.sql`SELECT 1`;", "Prisma.sql"],
    ["Prisma.join(conditions)", "Prisma.join"],
    ['Prisma.raw(`"x"`)', "Prisma.raw"],
    ["conditions.length ? x : Prisma.empty", "Prisma.empty"],
    ["await db.$queryRaw`SELECT 1`", "$queryRaw"],
    ["await tx.$executeRaw(statement)", "$executeRaw"],
    ["await db.$queryRawUnsafe(text)", "$queryRawUnsafe"],
    ["await db.$executeRawUnsafe(text)", "$executeRawUnsafe"],
    ["const rows = await hotQuery(statement);", "hotQuery("],
    ['import pg from "pg";', 'import … from "pg"'],
    ['import { Pool } from "pg";', 'import … from "pg"'],
    ["const pool = new Pool({ max: 3 });", "new Pool"],
    ["let pool: pg.Pool;", "pg.Pool"],
    ["SELECT gen_random_uuid()::text", "gen_random_uuid"],
    ["const id = randomUUID();", "randomUUID("],
  ])("names the file and line of %s", (line, token) => {
    expect(violationsIn("lib/feature/x.ts", `// first line\n${line}\n`)).toEqual([
      `lib/feature/x.ts:2: ${token}`,
    ]);
  });

  it("lets a feature use Prisma's types and the id scheme", () => {
    const source = [
      "export function f(when: Prisma.Sql): Prisma.AccountWhereInput {",
      "  const id = uuidv7();",
      'import type { Prisma } from "@/lib/generated/prisma/client";',
    ].join("\n");
    expect(violationsIn("lib/feature/x.ts", source)).toEqual([]);
  });
});

/*
 * "Membership in force" and "active administrator" (docs/architecture.md, "Domain rules") are read
 * through lib/memberships/active-admin.ts (membershipInForceWhere, activeAdminMembershipWhere,
 * administeredBy…) and, in SQL, through membership_in_force / is_active_admin: a `where` that tests
 * `active` itself forgets the end date that passed before the sweep records it. `active` is a
 * column of Membership only, so any `active` inside a Prisma `where` is that restatement.
 */

/** The one TypeScript module that writes the rule as a `where`. */
const MEMBERSHIP_RULE = "lib/memberships/active-admin.ts";
/** The statements that own a membership's lifecycle (grant, lock, sweep) and so its `active` column. */
const MEMBERSHIP_LIFECYCLE_SQL = ["lib/db/sql/memberships.ts", "lib/db/sql/membership-sweep.ts"];

/** `file:line` of every `active` property inside an object under a `where:` property. */
function activeInWhere(file: string, source: string): string[] {
  const sourceFile = ts.createSourceFile(
    file,
    source,
    ts.ScriptTarget.Latest,
    false,
    file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: string[] = [];
  const visit = (node: ts.Node, inWhere: boolean) => {
    const name =
      (ts.isPropertyAssignment(node) || ts.isShorthandPropertyAssignment(node)) &&
      ts.isIdentifier(node.name)
        ? node.name.text
        : null;
    if (inWhere && name === "active") {
      const { line } = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile));
      found.push(`${file}:${line + 1}`);
    }
    ts.forEachChild(node, (child) => visit(child, inWhere || name === "where"));
  };
  visit(sourceFile, false);
  return found;
}

describe("one rule, one place: membership in force", () => {
  const files = ["lib", "app"]
    .flatMap(sourceFiles)
    .filter((file) => !NOT_SCANNED(file) && /\.tsx?$/.test(file));

  it(`no Prisma where tests a membership's active outside ${MEMBERSHIP_RULE}`, () => {
    const violations = files
      .filter((file) => file !== MEMBERSHIP_RULE)
      .flatMap((file) => activeInWhere(file, readFileSync(path.join(root, file), "utf8")));
    expect(violations).toEqual([]);
  });

  it("no SQL statement reads a membership's active outside its lifecycle's statements", () => {
    const violations = files
      .filter((file) => file.startsWith("lib/db/sql/") && !MEMBERSHIP_LIFECYCLE_SQL.includes(file))
      .flatMap((file) =>
        readFileSync(path.join(root, file), "utf8")
          .split("\n")
          .flatMap((line, index) => (/"active"/.test(line) ? [`${file}:${index + 1}`] : [])),
      );
    expect(violations).toEqual([]);
  });

  it.each([
    ["where: { accountId: { in: ids }, active: true }", ["lib/feature/x.ts:2"]],
    ["where: { account: { memberships: { some: { active: true } } } }", ["lib/feature/x.ts:2"]],
    ["where: { ...membershipInForceWhere(now), accountId }", []],
    ["select: { active: true, endsAt: true }", []],
    ["where: { id }, data: { active: false }", []],
  ])("finds the active of a where in `%s`", (line, expected) => {
    expect(activeInWhere("lib/feature/x.ts", `const q = {};\nf({ ${line} });\n`)).toEqual(expected);
  });
});
