/**
 * F9: an administrator adds 1,000 people from a CSV file (issue 28): half new people, a quarter
 * members already (their role changes), a quarter refused (not an address, an unknown role or
 * virtual account, an end date in the past). The preview and the confirmation are the app's own
 * code, run in a process of their own against the bench database (bench/members-import-child.ts);
 * the confirmation is done when its emails are queued in the outbox (one per person added or
 * changed). Alone: `npx tsx bench/f9-members-import.ts` (a throwaway database of its own).
 */
import { randomBytes } from "node:crypto";
import pg from "pg";
import { runAppChild } from "./app-child";
import { ms, Pace, Report } from "./report";

/** On the reference machine (see Pace): issue 28's goals. */
const PREVIEW_GOAL_MS = 2000;
const COMMIT_GOAL_MS = 5000;
export const F9_LINES = 1000;

export interface F9Input {
  dbUrl: string;
  pace: Pace;
}

/** An account with an administrator, EMEA > France, and 250 members; the CSV of 1,000 lines. */
async function prepare(dbUrl: string) {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  const tag = randomBytes(4).toString("hex");
  try {
    const accountId = `bench-f9-${tag}`;
    const adminId = `bench-f9-admin-${tag}`;
    await client.query(
      `INSERT INTO "Account" ("id", "name", "updatedAt") VALUES ($1, 'F9 Import Corp', now())`,
      [accountId],
    );
    await client.query(
      `INSERT INTO "VirtualAccount" ("id", "accountId", "name", "updatedAt") VALUES ($1, $2, 'EMEA', now())`,
      [`${accountId}-emea`, accountId],
    );
    await client.query(
      `INSERT INTO "VirtualAccount" ("id", "accountId", "parentId", "name", "updatedAt") VALUES ($1, $2, $3, 'France', now())`,
      [`${accountId}-france`, accountId, `${accountId}-emea`],
    );
    await client.query(
      `INSERT INTO "User" ("id", "email", "firstName", "lastName", "locale", "lastSignInAt", "updatedAt")
       SELECT $1 || '-' || n, 'f9-' || $2 || '-member-' || n || '@example.com', 'Member', 'F9', 'en'::"Locale", now(), now()
         FROM generate_series(1, 250) n
       UNION ALL SELECT $1, 'f9-' || $2 || '-admin@example.com', 'Alice', 'Admin', 'en'::"Locale", now(), now()`,
      [adminId, tag],
    );
    await client.query(
      `INSERT INTO "Membership" ("id", "userId", "accountId", "role", "updatedAt")
       SELECT 'm-' || u."id", u."id", $1, CASE WHEN u."id" = $2 THEN 'ADMIN' ELSE 'VIEWER' END::"MembershipRole", now()
         FROM "User" u WHERE u."id" = $2 OR u."id" LIKE $2 || '-%'`,
      [accountId, adminId],
    );
    const lines = ["email,role,virtual_accounts,include_sub_accounts,access_ends"];
    for (let n = 1; n <= 500; n += 1)
      lines.push(
        `f9-${tag}-new-${n}@example.com,USER,${n % 2 ? "EMEA/France" : ""},,${n % 5 ? "" : "2030-01-01"}`,
      );
    for (let n = 1; n <= 250; n += 1) lines.push(`f9-${tag}-member-${n}@example.com,USER,,,`);
    const refused = [
      "not-an-address,USER,,,",
      "x@example.com,OWNER,,,",
      "y@example.com,USER,Nowhere,,",
      "z@example.com,USER,,,2001-01-01",
    ];
    for (let n = 1; n <= 250; n += 1)
      lines.push(
        refused[n % 4]!.replace(/^(\w)@/, `$1-${n}@`).replace(
          "not-an-address",
          `not-an-address-${n}`,
        ),
      );
    return { accountId, adminId, csv: `${lines.join("\n")}\n` };
  } finally {
    await client.end();
  }
}

export async function runF9(input: F9Input, report: Report): Promise<void> {
  const prepared = await prepare(input.dbUrl);
  const measured = await runAppChild<{
    roundTripMs: number;
    previewMs: number;
    commitMs: number;
    planned: Record<string, number>;
    result: Record<string, number>;
    queued: number;
  }>(
    "bench/members-import-child.ts",
    input.dbUrl,
    "BENCH_F9_INPUT",
    prepared,
    process.env.BENCH_F9_PROFILE
      ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_F9_PROFILE}`]
      : [],
  );
  const previewGoal = input.pace.time(PREVIEW_GOAL_MS);
  const commitGoal = input.pace.time(COMMIT_GOAL_MS);
  const { added = 0, changed = 0, refused = 0 } = measured.result;
  report.add({
    figure: "F9",
    what: `adding ${F9_LINES} people from a CSV file: the preview`,
    goal: `≤ ${input.pace.explain(ms(PREVIEW_GOAL_MS), ms(previewGoal))}`,
    measured: `${ms(measured.previewMs)} (${JSON.stringify(measured.planned)})`,
    pass: measured.previewMs <= previewGoal,
  });
  report.add({
    figure: "F9",
    what: "the confirmation, its emails queued",
    goal: `≤ ${input.pace.explain(ms(COMMIT_GOAL_MS), ms(commitGoal))}; 500 added, 250 changed, 250 refused, one email each`,
    measured: `${ms(measured.commitMs)} (${added} added, ${changed} changed, ${refused} refused; ${measured.queued} emails queued; a statement's round trip ${ms(measured.roundTripMs)})`,
    pass:
      measured.commitMs <= commitGoal &&
      added === 500 &&
      changed === 250 &&
      refused === 250 &&
      measured.queued === added + changed,
  });
  report.detail("f9", measured);
}

// Alone, on a throwaway database: `npx tsx bench/f9-members-import.ts`.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { startTestDatabase } = await import("@/tests/support/test-database");
  const database = await startTestDatabase();
  try {
    const report = new Report();
    await runF9({ dbUrl: database.url, pace: new Pace() }, report);
    console.log(report.table());
  } finally {
    await database.stop();
  }
}
