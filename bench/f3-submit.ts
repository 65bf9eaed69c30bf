/**
 * F3: submitting through the form's own path — the `submitRequestAction` server action — under load,
 * each request a new requester/account pair; then bursts of identical submits. Every answer is read:
 * rows written must equal the submits acknowledged as "created", and a burst must leave one row.
 */
import pg from "pg";
import type autocannon from "autocannon";
import {
  actionHeaders,
  actionResult,
  comparePaired,
  load,
  pairRatios,
  request,
  serverActionId,
  type LoadResult,
} from "./http";
import { ms, perSecond, type Report } from "./report";

export interface SubmitPair {
  userId: string;
  accountId: string;
  domain: string;
}

export interface F3Input {
  baseUrl: string;
  serverPid: number;
  dbUrl: string;
  cookies: Map<string, string>;
  /** Fresh pairs for the load; must be more than `amount` + `connections`. */
  pairs: SubmitPair[];
  /** Fresh pairs for the duplicate bursts. */
  burstPairs: SubmitPair[];
  burstSize: number;
  amount: number;
  connections: number;
  /** The trivial handler for `seconds`: the goal is a share of it, measured between the submits' slices. */
  trivial: (seconds: number) => Promise<LoadResult>;
  /** The submits run in this many slices, each paired with a window of the trivial handler (comparePaired). */
  rounds: number;
  trivialSeconds: number;
}

/** Submits per second, as a share of the trivial handler's requests/s. */
export const SUBMIT_RATE_RATIO = 0.25;
const REASON = "I joined the licensing team and need to manage this account's orders.";

type Outcome = "created" | "alreadyPending" | "alreadyMember" | "refused";

/** Why submits were refused (HTTP status or the action's error code), for the report. */
const refusals: Record<string, number> = {};

function outcomeOf(status: number, body: string): Outcome {
  const result = actionResult(body) as
    { ok?: boolean; code?: string; data?: { outcome?: string } } | undefined;
  if (status !== 200 || !result?.ok) {
    const why = status !== 200 ? `HTTP ${status}` : (result?.code ?? "unreadable");
    refusals[why] = (refusals[why] ?? 0) + 1;
    return "refused";
  }
  const outcome = result.data?.outcome;
  return outcome === "created" || outcome === "alreadyPending" || outcome === "alreadyMember"
    ? outcome
    : "refused";
}

async function countRows(dbUrl: string, pairs: SubmitPair[]): Promise<number> {
  const client = new pg.Client({ connectionString: dbUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>(
      `SELECT count(*) AS n FROM "AccessRequest" r
         JOIN unnest($1::text[], $2::text[]) AS p("userId", "accountId") ON r."requesterId" = p."userId" AND r."accountId" = p."accountId"`,
      [pairs.map((pair) => pair.userId), pairs.map((pair) => pair.accountId)],
    );
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

export async function runF3(input: F3Input, report: Report): Promise<void> {
  const actionId = serverActionId("app/requests/actions.ts", "submitRequestAction");
  const body = (pair: SubmitPair) =>
    JSON.stringify([{ accountId: pair.accountId, domain: pair.domain, reason: REASON }]);
  const headersFor = (pair: SubmitPair) =>
    actionHeaders(input.baseUrl, actionId, input.cookies.get(pair.userId)!);

  let next = 0;
  const used: SubmitPair[] = [];
  const outcomes: Record<Outcome, number> = {
    created: 0,
    alreadyPending: 0,
    alreadyMember: 0,
    refused: 0,
  };
  const setupRequest = (req: autocannon.Request) => {
    const pair = input.pairs[next++];
    if (!pair) throw new Error("F3 ran out of fresh pairs");
    used.push(pair);
    req.headers = headersFor(pair);
    req.body = body(pair);
    return req;
  };
  const submits = (amount: number) =>
    load({
      url: `${input.baseUrl}/requests/new`,
      method: "POST",
      cpuPid: input.serverPid,
      connections: input.connections,
      amount,
      setupRequest,
      onResponse: (status, responseBody) => (outcomes[outcomeOf(status, responseBody)] += 1),
    });
  const slice = () => submits(Math.ceil(input.amount / input.rounds));
  // A warm-up, as F1 and F6 have: the first submits run the action's code cold. Their rows and
  // answers are counted with the others below.
  const warmUp = await submits(2 * input.connections);
  const paired = await comparePaired(input.trivial, slice, input.rounds, input.trivialSeconds);
  const { route: result, rateRatio } = paired;
  // Pairs prepared but never sent (autocannon builds each connection's next request ahead) wrote nothing.
  const written = await countRows(input.dbUrl, used);
  const acknowledged = outcomes.created;
  const ratio = acknowledged ? written / acknowledged : NaN;

  // Bursts: the same submit, burstSize times at once, for each burst pair.
  const burstOutcomes: Record<Outcome, number> = {
    created: 0,
    alreadyPending: 0,
    alreadyMember: 0,
    refused: 0,
  };
  for (const pair of input.burstPairs) {
    const answers = await Promise.all(
      Array.from({ length: input.burstSize }, () =>
        request(`${input.baseUrl}/requests/new`, {
          method: "POST",
          headers: headersFor(pair),
          body: body(pair),
        }),
      ),
    );
    for (const answer of answers)
      burstOutcomes[outcomeOf(answer.status, answer.body.toString("utf8"))] += 1;
  }
  const burstRows = await countRows(input.dbUrl, input.burstPairs);

  report.add({
    figure: "F3",
    what: `submits (server action), ${input.connections} conn., ${result.requests} pairs in ${input.rounds} slices`,
    goal: `≥ ${SUBMIT_RATE_RATIO}× trivial, median of the pairs`,
    measured:
      `${perSecond(result.rps)}, p50 ${ms(result.p50)}, p99 ${ms(result.p99)}; server CPU ${ms(result.serverCpuMsPerRequest ?? NaN)}/req; ` +
      `${rateRatio.toFixed(2)}× trivial (pairs: ${pairRatios(paired)}; trivial ${perSecond(paired.baseline.rps)})`,
    pass: rateRatio >= SUBMIT_RATE_RATIO,
  });
  report.add({
    figure: "F3",
    what: "rows written ÷ acknowledged",
    goal: "= 1.0",
    measured: `${Number.isNaN(ratio) ? "n/a" : ratio.toFixed(4)} (${written} rows / ${acknowledged} created)`,
    pass: acknowledged > 0 && written === acknowledged,
  });
  report.add({
    figure: "F3",
    what: "submits not created under load",
    goal: "0",
    measured:
      outcomes.refused + outcomes.alreadyPending + outcomes.alreadyMember
        ? `${outcomes.refused} refused (${
            Object.entries(refusals)
              .map(([why, n]) => `${n} ${why}`)
              .join(", ") || "none"
          }), ` +
          `${outcomes.alreadyPending} already pending, ${outcomes.alreadyMember} already member`
        : "0",
    pass: outcomes.created === warmUp.requests + result.requests,
  });
  report.add({
    figure: "F3",
    what: `duplicate bursts (${input.burstPairs.length} pairs × ${input.burstSize} at once)`,
    goal: "1 row per pair",
    measured: `${burstRows} rows for ${input.burstPairs.length} pairs (${burstOutcomes.created} created, ${burstOutcomes.alreadyPending} already pending, ${burstOutcomes.refused} refused)`,
    pass:
      burstRows === input.burstPairs.length &&
      burstOutcomes.created === input.burstPairs.length &&
      burstOutcomes.refused === 0,
  });
  report.detail("f3", {
    load: result,
    trivial: paired.baseline,
    rateRatio,
    rounds: paired.rounds,
    outcomes,
    refusals,
    written,
    acknowledged,
    ratio,
    bursts: { outcomes: burstOutcomes, rows: burstRows },
  });
}
