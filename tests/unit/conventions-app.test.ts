import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

/*
 * What docs/architecture.md states about pages, errors and names ("Sign-in guards", "Errors"),
 * read from the source so that it stays true.
 */

const root = path.resolve(import.meta.dirname, "../..");
const read = (file: string) => readFileSync(path.join(root, file), "utf8");

/** Project-relative paths of the files under `dir` whose name matches `pattern`. */
function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(path.join(root, dir), { recursive: true, encoding: "utf8" })
    .map((file) => path.join(dir, file).split(path.sep).join("/"))
    .filter((file) => pattern.test(file))
    .sort();
}

/** The default export's body: what runs when Next renders the page. */
function defaultExport(source: string): string {
  const start = source.search(/export default (async )?function/);
  return start === -1 ? "" : source.slice(start);
}

/**
 * Each protected area and the one guard its pages call first thing: a layout cannot be the guard
 * (it is not rendered again between the pages under it, and does not stop them from rendering).
 */
const GUARDS: { area: RegExp; guard: string }[] = [
  { area: /^app\/support\//, guard: "requireSupportStaffPage(" },
  {
    area: /^app\/(page\.tsx$|admin\/|requests\/|accounts\/|profile\/|insights\/)/,
    guard: "requireSignedInPage(",
  },
];

/** Pages anyone may open, each with why. */
const PUBLIC_PAGES: Record<string, string> = {
  "app/sign-in/page.tsx": "signing in",
  "app/sign-in/check-email/page.tsx": "after asking for a link",
  "app/sign-in/error/page.tsx": "next-auth's error page",
  "app/sign-out/page.tsx": "signing out",
  "app/dev/mailbox/page.tsx": "the demo's mailbox: notFound() outside demo mode",
};

/** Pages that only send the browser on to another page of the area (which guards itself). */
const FORWARDING_PAGES = ["app/admin/page.tsx"];

function guardProblems(pages: Record<string, string>): string[] {
  const problems: string[] = [];
  for (const [file, source] of Object.entries(pages)) {
    if (file in PUBLIC_PAGES) continue;
    const body = defaultExport(source);
    if (FORWARDING_PAGES.includes(file)) {
      if (!/^\s*redirect\("\/[^"]*"\);\s*$/m.test(body) || /from "@\/lib\//.test(source))
        problems.push(`${file} is listed as forwarding, but does more than redirect`);
      continue;
    }
    const area = GUARDS.find((candidate) => candidate.area.test(file));
    if (!area) {
      problems.push(`${file} is in no protected area and not listed as public`);
      continue;
    }
    if (!body.includes(area.guard)) problems.push(`${file} does not call ${area.guard}…)`);
    if (/\bgetCurrentUser\(/.test(source))
      problems.push(`${file} reads the user itself instead of through ${area.guard}…)`);
  }
  return problems;
}

describe("sign-in guards: one per protected area, called by every page of it", () => {
  const pages = Object.fromEntries(filesUnder("app", /\/page\.tsx$/).map((f) => [f, read(f)]));

  it("every page calls its area's guard (or is listed as public or forwarding)", () => {
    expect(guardProblems(pages)).toEqual([]);
  });

  it("the check itself fails a page that skips its guard, or reads the user by hand", () => {
    const guarded =
      'export default async function P() {\n  await requireSignedInPage("/requests");\n}';
    expect(guardProblems({ "app/requests/x/page.tsx": guarded })).toEqual([]);
    expect(
      guardProblems({
        "app/requests/x/page.tsx":
          "export default async function P() {\n  const user = await getCurrentUser();\n}",
        "app/support/x/page.tsx": guarded,
        "app/elsewhere/page.tsx": guarded,
      }),
    ).toHaveLength(4);
  });

  it("no file under app/ builds a sign-in redirect by hand (signInPath does, lib/auth/page-guard.ts)", () => {
    const byHand = filesUnder("app", /\.tsx?$/).filter((file) =>
      /sign-in\?callbackUrl=|callbackUrl=\$\{/.test(read(file)),
    );
    expect(byHand).toEqual([]);
  });

  it("layouts guard nothing (they do not run again between their pages)", () => {
    const guarding = filesUnder("app", /\/layout\.tsx$/).filter((file) =>
      /\b(redirect|notFound|requireSignedInPage|requireSupportStaffPage)\(/.test(read(file)),
    );
    expect(guarding).toEqual([]);
  });

  it("the support console's route handlers check support staff themselves", () => {
    const unchecked = filesUnder("app/support", /\/route\.ts$/).filter(
      (file) => !read(file).includes("checkSupportStaff("),
    );
    expect(unchecked).toEqual([]);
  });
});

/** A thrown plain Error whose message reads as a refusal a user can cause: an AppError's job. */
const REFUSAL_MESSAGE =
  /throw new (?:Error|TypeError|RangeError)\(\s*[`"'](?:No such|Not (?:allowed|found|permitted|signed)|Invalid|Forbidden|Unauthori[sz]ed|Too many|Only |You |[^`"']*\balready\b)/i;

/** Commands run by whoever deploys (migrations, the local database): their errors are for them. */
const OPERATOR_TOOLING = [
  "lib/db/embedded.ts",
  "lib/db/local-database.ts",
  "lib/db/migrate.ts",
  "lib/db/migrate-engine.ts",
];

function plainErrorRefusals(files: Record<string, string>): string[] {
  return Object.entries(files).flatMap(([file, source]) =>
    source
      .split("\n")
      .map((line, index) => ({ line, index }))
      .filter(({ line }) => REFUSAL_MESSAGE.test(line))
      .map(({ index }) => `${file}:${index + 1}`),
  );
}

describe("errors: expected refusals are AppErrors, reads for pages answer null", () => {
  it("no file under lib/ throws a plain Error for a refusal a user can cause", () => {
    const lib = filesUnder("lib", /\.tsx?$/).filter(
      (file) => !file.startsWith("lib/generated/") && !OPERATOR_TOOLING.includes(file),
    );
    expect(plainErrorRefusals(Object.fromEntries(lib.map((f) => [f, read(f)])))).toEqual([]);
  });

  it("the check itself finds a plain Error thrown for a refusal, and lets a bug's through", () => {
    expect(
      plainErrorRefusals({
        "lib/a.ts": 'if (!row) throw new Error("No such request");',
        "lib/b.ts": 'throw new Error("The request was already decided");',
        "lib/c.ts": 'throw new AppError("NOT_FOUND", "No such request");',
        "lib/d.ts": "throw new Error(`not a table alias: ${alias}`);",
      }),
    ).toEqual(["lib/a.ts:1", "lib/b.ts:1"]);
  });

  it("no page catches an AppError to answer 404: its read answers null and the page calls notFound()", () => {
    const catching = filesUnder("app", /\/page\.tsx$/).filter((file) =>
      /instanceof AppError|\.catch\(/.test(read(file)),
    );
    expect(catching).toEqual([]);
  });
});

/** Names that were renamed because they misled, and what says the same thing now. */
const OLD_NAMES: { pattern: RegExp; now: string }[] = [
  { pattern: /lib\/admin\/decide["'`.]|\.\/decide["']/, now: "lib/admin/decision-step.ts" },
  {
    pattern: /decide-requests?\b/,
    now: "lib/admin/approve-or-deny.ts, lib/admin/bulk-decision.ts",
  },
  { pattern: /\bdecideRequests(Action)?\b/, now: "decideInBulk" },
  { pattern: /calendar-day\b/, now: "lib/calendar-date.ts" },
  {
    pattern: /\/api\/accounts\b/,
    now: "/api/account-lookup (the form's lookup; /api/v1/accounts is the API)",
  },
];

/** Records of past runs keep the names of their time. */
const RECORDS = new Set(["docs/benchmarks-history.md", "docs/benchmarks.md"]);

function oldNamesIn(files: Record<string, string>): string[] {
  return Object.entries(files).flatMap(([file, source]) => {
    const found = OLD_NAMES.filter(({ pattern }) => pattern.test(source)).map(
      ({ now }) => `${file} (now ${now})`,
    );
    // Two functions were both called signInEmail: the email template keeps the name.
    if (/\bsignInEmail\b/.test(source) && !file.startsWith("lib/mail/templates/"))
      found.push(`${file} (now parseSignInAddress)`);
    return found;
  });
}

describe("names that say what a thing is", () => {
  it("the renamed files are gone", () => {
    for (const gone of [
      "lib/admin/decide.ts",
      "lib/admin/decide-request.ts",
      "lib/admin/decide-requests.ts",
      "lib/calendar-day.ts",
      "app/api/accounts",
    ])
      expect(existsSync(path.join(root, gone)), gone).toBe(false);
  });

  it("no code, test or doc uses an old name", () => {
    const self = "tests/unit/conventions-app.test.ts";
    const files = [
      ...["app", "components", "lib", "tests", "bench", "scripts"].flatMap((dir) =>
        filesUnder(dir, /\.(tsx?|mjs)$/),
      ),
      ...filesUnder("docs", /\.md$/),
      "README.md",
      "SECURITY.md",
      "proxy.ts",
    ].filter((file) => file !== self && !RECORDS.has(file) && !file.startsWith("lib/generated/"));
    expect(oldNamesIn(Object.fromEntries(files.map((f) => [f, read(f)])))).toEqual([]);
  });

  it("the check itself finds each old name, and not the new ones", () => {
    expect(
      oldNamesIn({
        "a.ts": 'import { decideOne } from "./decide";',
        "b.ts": 'import { approveRequest } from "@/lib/admin/decide-request";',
        "c.ts": "fetch(`/api/accounts?identifier=${id}`)",
        "d.ts": 'import { isCalendarDate } from "@/lib/calendar-day";',
        "e.tsx": "const address = signInEmail(email);",
        "lib/mail/templates/index.ts": '"sign-in": signInEmail,',
        "f.ts":
          'fetch("/api/v1/accounts"); fetch("/api/account-lookup"); import "./decision-step";',
      }),
    ).toHaveLength(5);
  });
});
