/**
 * F6: the access check — GET /api/v1/accounts/{accountId}/members/{email} with a bearer token, as a
 * downstream tool calls it at every sign-in of its users — against the app's cheapest route
 * (/api/bench), at the same concurrency, in alternating windows (comparePaired). Every answer must
 * be a 200 for an active member (the people asked about are members of the token creator's accounts).
 * Then the same with `?virtualAccount=<id>` (issue 27): each member on each virtual account of the
 * account where they have an effective role (held as the Smart Account role, directly or
 * inherited), against the trivial handler again, in pairs of its own.
 */
import type autocannon from "autocannon";
import pg from "pg";
import { newTokenSecret } from "@/lib/api/token-secret";
import { comparePaired, load, pairRatios, type LoadResult } from "./http";
import { ms, perSecond, type Report } from "./report";

export interface F6Input {
  baseUrl: string;
  serverPid: number;
  dbUrl: string;
  /** The administrator whose tokens call (the data's hot administrator). */
  adminId: string;
  connections: number;
  /** Pairs of windows (comparePaired), each side `seconds` long. */
  rounds: number;
  seconds: number;
  warmupSeconds: number;
}

const RATIO_GOAL = 0.7;

/**
 * One token per connection (the access check's limit is per token: 6,000 a minute), and the
 * members of the administrator's accounts to ask about.
 */
async function prepare(input: F6Input): Promise<{
  tokens: string[];
  checks: string[];
  virtualAccountChecks: string[];
  heldAs: Record<string, number>;
}> {
  const client = new pg.Client({ connectionString: input.dbUrl });
  await client.connect();
  try {
    const secrets = Array.from({ length: input.connections }, () => newTokenSecret());
    await client.query(
      `INSERT INTO "ApiToken" ("id", "name", "tokenHash", "prefix", "scopes", "accountIds", "creatorId", "expiresAt")
       SELECT gen_random_uuid()::text, 'bench', h, 'sap_bench', ARRAY['members:read'], ARRAY[]::text[], $2, now() + interval '1 day'
         FROM unnest($1::text[]) AS h`,
      [secrets.map((secret) => secret.hash), input.adminId],
    );
    const { rows } = await client.query<{ accountId: string; email: string }>(
      `SELECT m."accountId", u."email" FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
        WHERE m."active" AND u."disabledAt" IS NULL AND m."accountId" IN (
          SELECT a."accountId" FROM "Membership" a WHERE a."userId" = $1 AND a."role" = 'ADMIN' AND a."active")
        ORDER BY m."id" LIMIT 500`,
      [input.adminId],
    );
    if (rows.length === 0) throw new Error("F6: the administrator's accounts have no members");
    // Every (member, virtual account) of those accounts where the member has a role, by the rule.
    const { rows: onVirtualAccounts } = await client.query<{
      accountId: string;
      email: string;
      virtualAccountId: string;
      heldAs: string;
    }>(
      `SELECT m."accountId", u."email", va."id" AS "virtualAccountId", e."heldAs"
         FROM "Membership" m JOIN "User" u ON u."id" = m."userId"
         JOIN "VirtualAccount" va ON va."accountId" = m."accountId"
        CROSS JOIN LATERAL "effective_role"(m."userId", m."accountId", va."id", now()::timestamp(3)) e
        WHERE m."active" AND u."disabledAt" IS NULL AND m."accountId" IN (
          SELECT a."accountId" FROM "Membership" a WHERE a."userId" = $1 AND a."role" = 'ADMIN' AND a."active")
        ORDER BY m."id", va."id" LIMIT 2000`,
      [input.adminId],
    );
    if (!onVirtualAccounts.some((row) => row.heldAs !== "account"))
      throw new Error("F6: nobody in the administrator's accounts holds a virtual-account grant");
    const heldAs: Record<string, number> = {};
    for (const row of onVirtualAccounts) heldAs[row.heldAs] = (heldAs[row.heldAs] ?? 0) + 1;
    const path = (row: { accountId: string; email: string }) =>
      `/api/v1/accounts/${row.accountId}/members/${encodeURIComponent(row.email)}`;
    return {
      tokens: secrets.map((secret) => secret.token),
      checks: rows.map(path),
      virtualAccountChecks: onVirtualAccounts.map(
        (row) => `${path(row)}?virtualAccount=${encodeURIComponent(row.virtualAccountId)}`,
      ),
      heldAs,
    };
  } finally {
    await client.end();
  }
}

export async function runF6(input: F6Input, report: Report): Promise<void> {
  const { tokens, checks, virtualAccountChecks, heldAs } = await prepare(input);
  let turn = 0;
  const requestTo = (paths: string[]) => (request: autocannon.Request) => {
    turn += 1;
    request.path = paths[turn % paths.length]!;
    request.headers = {
      accept: "application/json",
      authorization: `Bearer ${tokens[turn % tokens.length]}`,
    };
    return request;
  };
  const outcomes = { member: 0, other: 0 };
  const checkAnswer = (status: number) =>
    status === 200 ? (outcomes.member += 1) : (outcomes.other += 1);
  const trivial = (seconds: number) =>
    load({
      url: `${input.baseUrl}/api/bench`,
      cpuPid: input.serverPid,
      connections: input.connections,
      duration: seconds,
    });
  const accessCheck = (paths: string[]) => (seconds: number) =>
    load({
      url: `${input.baseUrl}/api/v1`,
      cpuPid: input.serverPid,
      connections: input.connections,
      duration: seconds,
      setupRequest: requestTo(paths),
      onResponse: checkAnswer,
    });
  const cpu = (result: LoadResult) => `server CPU ${ms(result.serverCpuMsPerRequest ?? NaN)}/req`;
  const clean = (result: LoadResult) => result.non2xx === 0 && result.errors === 0;

  await trivial(input.warmupSeconds);
  await accessCheck(checks)(input.warmupSeconds);
  outcomes.member = outcomes.other = 0;
  const paired = await comparePaired(trivial, accessCheck(checks), input.rounds, input.seconds);
  const { baseline: trivialResult, route: checkResult, rateRatio: ratio } = paired;
  const plainOutcomes = { ...outcomes };
  report.add({
    figure: "F6",
    what: `trivial handler (/api/bench), ${input.connections} conn., ${input.rounds} × ${input.seconds} s`,
    goal: "baseline",
    measured: `${perSecond(trivialResult.rps)}, p50 ${ms(trivialResult.p50)}, p99 ${ms(trivialResult.p99)}; ${cpu(trivialResult)}`,
    pass: clean(trivialResult) ? null : false,
  });
  report.add({
    figure: "F6",
    what: `access check (GET …/members/{email}), ${input.connections} conn., ${input.rounds} × ${input.seconds} s between them`,
    goal: "200 for every member",
    measured: `${perSecond(checkResult.rps)}, p50 ${ms(checkResult.p50)}, p99 ${ms(checkResult.p99)}; ${cpu(checkResult)}; ${plainOutcomes.other} not 200`,
    pass: clean(checkResult) && plainOutcomes.other === 0,
  });
  report.add({
    figure: "F6",
    what: "access check ÷ trivial (req/s), median of the pairs",
    goal: `≥ ${RATIO_GOAL}`,
    measured: `${ratio.toFixed(2)} (pairs: ${pairRatios(paired)})`,
    pass: ratio >= RATIO_GOAL,
  });

  // With a virtual account: its own warm-up and pairs, against the trivial handler again.
  await accessCheck(virtualAccountChecks)(input.warmupSeconds);
  outcomes.member = outcomes.other = 0;
  const onVa = await comparePaired(
    trivial,
    accessCheck(virtualAccountChecks),
    input.rounds,
    input.seconds,
  );
  const held = Object.entries(heldAs)
    .map(([how, count]) => `${count} ${how}`)
    .join(", ");
  report.add({
    figure: "F6",
    what: `access check with a virtual account (…?virtualAccount=), ${input.connections} conn., ${input.rounds} × ${input.seconds} s`,
    goal: "200 for every member with a role there",
    measured: `${perSecond(onVa.route.rps)}, p50 ${ms(onVa.route.p50)}, p99 ${ms(onVa.route.p99)}; ${cpu(onVa.route)}; ${outcomes.other} not 200; ${virtualAccountChecks.length} checks (${held}); trivial ${perSecond(onVa.baseline.rps)}`,
    pass: clean(onVa.route) && clean(onVa.baseline) && outcomes.other === 0,
  });
  report.add({
    figure: "F6",
    what: "access check with a virtual account ÷ trivial (req/s), median of the pairs",
    goal: `≥ ${RATIO_GOAL}`,
    measured: `${onVa.rateRatio.toFixed(2)} (pairs: ${pairRatios(onVa)})`,
    pass: onVa.rateRatio >= RATIO_GOAL,
  });
  report.detail("f6", {
    trivial: trivialResult,
    accessCheck: checkResult,
    ratio,
    rounds: paired.rounds,
    outcomes: plainOutcomes,
    tokens: tokens.length,
    people: checks.length,
    virtualAccount: {
      trivial: onVa.baseline,
      accessCheck: onVa.route,
      ratio: onVa.rateRatio,
      rounds: onVa.rounds,
      outcomes: { ...outcomes },
      checks: virtualAccountChecks.length,
      heldAs,
    },
  });
}
