import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "@/lib/api/token-secret";
import { db } from "@/lib/db/client";
import { apiAccessCheckSql } from "@/lib/db/sql/api-tokens";
import { createAdmin, createApiTokenRow } from "../factories";
import {
  planNodes,
  seedVirtualAccountTrees,
  type PlanNode,
} from "../support/virtual-account-trees";

/*
 * The API's access check stays one indexed statement with a virtual account (issue 27): on 10,000
 * accounts, each with 10 virtual accounts (its DEFAULT, a chain 5 levels deep, 4 more below the
 * chain's top) and 3 members (one of the whole account, two of virtual accounts with a grant), the
 * statement inside api_access_check (a PL/pgSQL function: EXPLAIN of the call shows only a Function
 * Scan, so its plan is read with auto_explain, as the bench does) reads Membership, VirtualAccount
 * and VirtualAccountGrant through indexes and never scans them — with the plan PostgreSQL makes
 * for these parameters and with the generic plan it keeps for the connection after a few calls.
 */

const ACCOUNTS = 10_000;

let client: pg.Client;
let token: string;
let adminId: string;

/** The plan of the statement inside api_access_check for this call, under this plan_cache_mode. */
async function planInside(
  email: string,
  accountId: string,
  virtualAccountId: string | null,
  mode: "force_custom_plan" | "force_generic_plan",
): Promise<PlanNode[]> {
  const now = new Date();
  const statement = apiAccessCheckSql(
    hashToken(token),
    accountId,
    email,
    virtualAccountId,
    now,
    new Date(now.getTime() - 60_000),
  );
  const plans: { "Query Text": string; Plan: PlanNode }[] = [];
  const onNotice = (notice: { message?: string }) => {
    const json = notice.message?.slice(notice.message.indexOf("{"));
    if (json?.startsWith("{")) plans.push(JSON.parse(json) as (typeof plans)[number]);
  };
  await client.query("BEGIN");
  try {
    for (const setting of [
      "auto_explain.log_min_duration = 0",
      "auto_explain.log_nested_statements = on",
      "auto_explain.log_format = 'json'",
      "auto_explain.log_level = 'notice'",
      "client_min_messages = 'notice'",
      `plan_cache_mode = ${mode}`,
    ])
      await client.query(`SET LOCAL ${setting}`);
    client.on("notice", onNotice);
    await client.query(
      statement.text,
      statement.values.map((value) => (value instanceof Date ? value.toISOString() : value)),
    );
  } finally {
    client.off("notice", onNotice);
    await client.query("ROLLBACK");
  }
  const inside = plans.find((plan) => !plan["Query Text"].includes('FROM "api_access_check"('));
  if (!inside) throw new Error("auto_explain showed no plan inside api_access_check");
  return planNodes(inside.Plan);
}

beforeAll(async () => {
  await seedVirtualAccountTrees({ prefix: "c", label: "check", accounts: ACCOUNTS, siblings: 4 });
  // The token's creator administers the accounts asked about.
  const admin = await createAdmin(["ca-5", "ca-4", "ca-42"]);
  adminId = admin.id;
  ({ token } = await createApiTokenRow(adminId, { scopes: ["members:read"] }));
  await db.$executeRawUnsafe(
    `ANALYZE "User", "Account", "Membership", "ApiToken", "VirtualAccount", "VirtualAccountGrant"`,
  );
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  await client.query("LOAD 'auto_explain'");
}, 300_000);

afterAll(async () => {
  await client?.end();
});

describe(`the access check with ${ACCOUNTS.toLocaleString("en")} accounts × 10 virtual accounts`, () => {
  const tables = ["Membership", "VirtualAccount", "VirtualAccountGrant"];
  it.each([
    ["a member of virtual accounts, on the deepest one", "person4@check.example", "ca-5", "cv-5-5"],
    [
      "a member of the whole account, on a virtual account",
      "person3@check.example",
      "ca-4",
      "cv-4-3",
    ],
    ["someone with no membership there", "person7@check.example", "ca-42", "cv-42-5"],
    [
      "a member of virtual accounts, without one (their grants)",
      "person4@check.example",
      "ca-5",
      null,
    ],
  ])("%s: index lookups only", async (_name, email, accountId, virtualAccountId) => {
    for (const mode of ["force_custom_plan", "force_generic_plan"] as const) {
      const planNodes = await planInside(email, accountId, virtualAccountId, mode);
      const scans = planNodes.filter(
        (node) => node["Node Type"] === "Seq Scan" && tables.includes(node["Relation Name"]!),
      );
      expect(scans, mode).toEqual([]);
      const indexes = planNodes.map((node) => node["Index Name"]).filter(Boolean);
      expect(indexes, mode).toContain("Membership_userId_accountId_key");
      expect(indexes, mode).toContain("VirtualAccountGrant_membershipId_virtualAccountId_key");
      if (virtualAccountId) expect(indexes, mode).toContain("VirtualAccount_pkey");
    }
  });
});
