import { writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { PageDirection } from "@/lib/pagination/keyset";
import { parseRequestSearch, type RequestSearch } from "@/lib/support/search-params";
import {
  matchCountSql,
  prefixRequesterIds,
  PREFIX_USERS_BY_ID,
  requestPageSql,
} from "@/lib/db/sql/support-search";
import { SEARCH_PAGE_SIZE } from "@/lib/support/search-requests";

/**
 * The support search stays on indexes at scale: the very SQL the console runs is EXPLAINed against
 * a generated table (200,000 requests by default; SUPPORT_PLAN_ROWS=1000000 for the size of the bench,
 * SUPPORT_PLANS_OUT=<file> to write EXPLAIN ANALYZE of each search to a file).
 */
const ROWS = Number(process.env.SUPPORT_PLAN_ROWS ?? 200_000);
const USERS = 20_000;
// Prime, so (requester, account) pairs never repeat and the one-pending-request rule holds.
const ACCOUNTS = 20_011;

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

function nodes(plan: PlanNode): PlanNode[] {
  return [plan, ...(plan.Plans ?? []).flatMap(nodes)];
}

async function plan(sql: Prisma.Sql): Promise<PlanNode[]> {
  const [row] = await db.$queryRaw<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>(
    Prisma.sql`EXPLAIN (FORMAT JSON) ${sql}`,
  );
  return nodes(row!["QUERY PLAN"][0].Plan);
}

const seqScansOn = (planNodes: PlanNode[], table: string) =>
  planNodes.filter((node) => node["Node Type"] === "Seq Scan" && node["Relation Name"] === table);
const indexesUsed = (planNodes: PlanNode[]) =>
  planNodes.map((node) => node["Index Name"]).filter(Boolean);

function search(params: Record<string, string>): RequestSearch {
  const parsed = parseRequestSearch(params);
  if (!parsed.ok) throw new Error(`invalid filters ${JSON.stringify(parsed.fieldErrors)}`);
  return parsed.filters;
}

// Deep in the results: the keyset must seek, not skip.
const deep: PageDirection = {
  after: { createdAt: new Date("2024-02-01T00:00:00.000Z"), id: "pr-zzzzzzzz" },
};

const SEARCHES: [name: string, params: Record<string, string>, direction: PageDirection][] = [
  ["no filter (newest first)", {}, null],
  ["no filter, a page deep in the list", {}, deep],
  ["requester email, exact", { email: "person777@company277.example", emailMatch: "exact" }, null],
  ["requester email, prefix", { email: "person777" }, null],
  ["request id", { requestId: "pr-00012345" }, null],
  ["Account Domain Identifier", { domain: "company42.example" }, null],
  ["status and date range", { status: "PENDING", from: "2024-01-20", to: "2024-02-20" }, null],
  [
    "status and date range, next page",
    { status: "PENDING", from: "2024-01-20", to: "2024-02-20" },
    deep,
  ],
  ["escalated and pending", { status: "PENDING", escalated: "yes" }, null],
  ["account name (contains)", { account: "Company 12345 " }, null],
];

beforeAll(async () => {
  await db.$executeRawUnsafe(`
    INSERT INTO "User" ("id", "email", "firstName", "lastName", "updatedAt")
    SELECT 'pu-' || g, 'person' || g || '@company' || (g % 500) || '.example', 'First' || g, 'Last' || g, now()
      FROM generate_series(1, ${USERS}) g`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Account" ("id", "name", "updatedAt") SELECT 'pa-' || g, 'Company ' || g || ' Ltd', now() FROM generate_series(1, ${ACCOUNTS}) g`);
  await db.$executeRawUnsafe(`
    INSERT INTO "AccountDomain" ("id", "accountId", "domain") SELECT 'pd-' || g, 'pa-' || g, 'company' || (g % 10000) || '.example' FROM generate_series(1, ${ACCOUNTS}) g`);
  // A request a minute from 2024-01-01; 5 % pending, a fifth of those escalated.
  await db.$executeRawUnsafe(`
    INSERT INTO "AccessRequest" ("id", "requesterId", "accountId", "domain", "reason", "status", "createdAt", "expiresAt", "updatedAt", "escalatedAt")
    SELECT 'pr-' || lpad(g::text, 8, '0'), 'pu-' || (1 + g % ${USERS}), 'pa-' || (1 + g % ${ACCOUNTS}),
           'company' || ((1 + g % ${ACCOUNTS}) % 10000) || '.example', 'Reason ' || g,
           (CASE WHEN g % 20 = 0 THEN 'PENDING' WHEN g % 20 < 12 THEN 'APPROVED' WHEN g % 20 < 16 THEN 'DENIED'
                 WHEN g % 20 < 18 THEN 'EXPIRED' ELSE 'WITHDRAWN' END)::"AccessRequestStatus",
           timestamp '2024-01-01' + g * interval '1 minute', timestamp '2024-01-31' + g * interval '1 minute', now(),
           CASE WHEN g % 100 = 0 THEN timestamp '2024-01-08' + g * interval '1 minute' END
      FROM generate_series(1, ${ROWS}) g`);
  await db.$executeRawUnsafe(`ANALYZE "User", "Account", "AccountDomain", "AccessRequest"`);
}, 600_000);

describe(`support search plans with ${ROWS.toLocaleString("en")} requests`, () => {
  it.each(SEARCHES)(
    "%s: the page query reads AccessRequest through an index",
    async (_name, params, direction) => {
      const planNodes = await plan(requestPageSql(search(params), direction, SEARCH_PAGE_SIZE + 1));
      expect(seqScansOn(planNodes, "AccessRequest")).toEqual([]);
      expect(indexesUsed(planNodes).some((index) => index!.startsWith("AccessRequest_"))).toBe(
        true,
      );
    },
  );

  it.each(SEARCHES.filter(([name]) => !name.startsWith("no filter")))(
    "%s: the match count reads AccessRequest through an index",
    async (_name, params) => {
      expect(seqScansOn(await plan(matchCountSql(search(params))), "AccessRequest")).toEqual([]);
    },
  );

  it("email searches find the users by index (exact and prefix), not by reading every user", async () => {
    for (const params of [
      { email: "person777@company277.example", emailMatch: "exact" },
      { email: "person777" },
    ] as Record<string, string>[]) {
      const planNodes = await plan(requestPageSql(search(params), null, SEARCH_PAGE_SIZE + 1));
      expect(seqScansOn(planNodes, "User")).toEqual([]);
      expect(indexesUsed(planNodes)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^User_email_(key|prefix_idx)$/)]),
      );
    }
  });

  it("a prefix matching few users is searched by their ids, through the requester index, whatever PostgreSQL guesses", async () => {
    const filters = search({ email: "person777" });
    const ids = await prefixRequesterIds(filters);
    expect(ids?.length).toBeGreaterThan(0);
    expect(ids!.length).toBeLessThanOrEqual(PREFIX_USERS_BY_ID);
    const planNodes = await plan(requestPageSql(filters, null, SEARCH_PAGE_SIZE + 1, ids));
    expect(seqScansOn(planNodes, "AccessRequest")).toEqual([]);
    expect(indexesUsed(planNodes)).toContain("AccessRequest_requesterId_createdAt_idx");
    // The same rows as the prefix written as a condition.
    const byIds = await db.$queryRaw<{ id: string }[]>(
      requestPageSql(filters, null, SEARCH_PAGE_SIZE + 1, ids),
    );
    const byPrefix = await db.$queryRaw<{ id: string }[]>(
      requestPageSql(filters, null, SEARCH_PAGE_SIZE + 1),
    );
    expect(byIds.map((row) => row.id)).toEqual(byPrefix.map((row) => row.id));
    expect(byIds.length).toBeGreaterThan(0);
  });

  it("a prefix matching too many users stays a condition", async () => {
    expect(await prefixRequesterIds(search({ email: "person" }))).toBeUndefined();
  });

  it("the identifier search goes through AccountDomain's (domain, accountId) index", async () => {
    const planNodes = await plan(
      requestPageSql(search({ domain: "company42.example" }), null, SEARCH_PAGE_SIZE + 1),
    );
    expect(indexesUsed(planNodes)).toContain("AccountDomain_domain_accountId_key");
  });

  it("writes EXPLAIN ANALYZE of each search when asked (SUPPORT_PLANS_OUT)", async () => {
    const out = process.env.SUPPORT_PLANS_OUT;
    if (!out) return;
    const sections: string[] = [];
    for (const [name, params, direction] of SEARCHES) {
      for (const [kind, sql] of [
        ["page", requestPageSql(search(params), direction, SEARCH_PAGE_SIZE + 1)],
        ["count", matchCountSql(search(params))],
      ] as const) {
        const rows = await db.$queryRaw<{ "QUERY PLAN": string }[]>(
          Prisma.sql`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${sql}`,
        );
        sections.push(
          `### ${name} — ${kind}\n\nFilters: \`${JSON.stringify(params)}\`${direction ? " (next page)" : ""}\n\n\`\`\`\n${rows.map((row) => row["QUERY PLAN"]).join("\n")}\n\`\`\`\n`,
        );
      }
    }
    writeFileSync(out, sections.join("\n"));
  });
});
