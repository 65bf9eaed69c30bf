import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { effectiveRoleSql } from "@/lib/db/sql/virtual-accounts";

/*
 * The effective-role rule stays one indexed lookup (issue 27): on 10,000 accounts, each with a
 * chain of 5 virtual accounts below its DEFAULT and 3 members (one of the whole account, two of
 * virtual accounts with a grant), the statement the app runs reads each table through an index —
 * the virtual account by its key, the membership, the user, the grants on the virtual account's
 * path by (membershipId, virtualAccountId) — and never scans one.
 */

const ACCOUNTS = 10_000;

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
}

const nodes = (plan: PlanNode): PlanNode[] => [plan, ...(plan.Plans ?? []).flatMap(nodes)];

async function plan(sql: Prisma.Sql): Promise<PlanNode[]> {
  const [row] = await db.$queryRaw<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>(
    Prisma.sql`EXPLAIN (FORMAT JSON) ${sql}`,
  );
  return nodes(row!["QUERY PLAN"][0].Plan);
}

beforeAll(async () => {
  await db.$executeRawUnsafe(`
    INSERT INTO "User" ("id", "email", "updatedAt")
    SELECT 'pu-' || g, 'person' || g || '@plan.example', now() FROM generate_series(1, ${3 * ACCOUNTS}) g`);
  // Each account gets its DEFAULT from the database.
  await db.$executeRawUnsafe(`
    INSERT INTO "Account" ("id", "name", "updatedAt") SELECT 'pa-' || g, 'Company ' || g, now() FROM generate_series(1, ${ACCOUNTS}) g`);
  for (let level = 1; level <= 5; level++)
    await db.$executeRawUnsafe(`
      INSERT INTO "VirtualAccount" ("id", "accountId", "parentId", "name", "updatedAt")
      SELECT 'pv-' || g || '-${level}', 'pa-' || g, ${level === 1 ? "NULL" : `'pv-' || g || '-${level - 1}'`}, 'Level ${level}', now()
        FROM generate_series(1, ${ACCOUNTS}) g`);
  await db.$executeRawUnsafe(`
    INSERT INTO "Membership" ("id", "userId", "accountId", "role", "scope", "updatedAt")
    SELECT 'pm-' || g, 'pu-' || g, 'pa-' || (1 + g % ${ACCOUNTS}), 'USER',
           (CASE WHEN g % 3 = 0 THEN 'ACCOUNT' ELSE 'VIRTUAL_ACCOUNTS' END)::"MembershipScope", now()
      FROM generate_series(1, ${3 * ACCOUNTS}) g`);
  await db.$executeRawUnsafe(`
    INSERT INTO "VirtualAccountGrant" ("id", "membershipId", "virtualAccountId", "role", "includeSubAccounts", "updatedAt")
    SELECT 'pg-' || g, 'pm-' || g, 'pv-' || (1 + g % ${ACCOUNTS}) || '-' || (1 + g % 5), 'ADMIN', g % 2 = 0, now()
      FROM generate_series(1, ${3 * ACCOUNTS}) g WHERE g % 3 <> 0`);
  await db.$executeRawUnsafe(
    `ANALYZE "User", "Account", "Membership", "VirtualAccount", "VirtualAccountGrant"`,
  );
}, 300_000);

describe(`effective role with ${ACCOUNTS.toLocaleString("en")} accounts × 6 virtual accounts`, () => {
  it.each([
    ["a member of virtual accounts, on the deepest one", "pu-4", "pa-5", "pv-5-5"],
    ["a member of the whole account", "pu-3", "pa-4", "pv-4-3"],
    ["someone with no membership there", "pu-7", "pa-42", "pv-42-5"],
  ])("%s: every table read through an index", async (_name, userId, accountId, va) => {
    const planNodes = await plan(effectiveRoleSql(userId, accountId, va, new Date()));
    expect(planNodes.filter((node) => node["Node Type"].includes("Seq Scan"))).toEqual([]);
    const indexes = planNodes.map((node) => node["Index Name"]).filter(Boolean);
    expect(indexes).toContain("VirtualAccount_pkey");
    expect(indexes).toContain("VirtualAccountGrant_membershipId_virtualAccountId_key");
  });
});
