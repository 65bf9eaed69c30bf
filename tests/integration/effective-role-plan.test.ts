import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { effectiveRoleSql } from "@/lib/db/sql/virtual-accounts";
import {
  planNodes,
  seedVirtualAccountTrees,
  type PlanNode,
} from "../support/virtual-account-trees";

/*
 * The effective-role rule stays one indexed lookup (issue 27): on 10,000 accounts, each with a
 * chain of 5 virtual accounts below its DEFAULT and 3 members (one of the whole account, two of
 * virtual accounts with a grant), the statement the app runs reads each table through an index —
 * the virtual account by its key, the membership, the user, the grants on the virtual account's
 * path by (membershipId, virtualAccountId) — and never scans one.
 */

const ACCOUNTS = 10_000;

async function plan(sql: Prisma.Sql): Promise<PlanNode[]> {
  const [row] = await db.$queryRaw<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>(
    Prisma.sql`EXPLAIN (FORMAT JSON) ${sql}`,
  );
  return planNodes(row!["QUERY PLAN"][0].Plan);
}

beforeAll(async () => {
  await seedVirtualAccountTrees({ prefix: "p", label: "plan", accounts: ACCOUNTS });
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
