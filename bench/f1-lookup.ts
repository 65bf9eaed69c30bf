/**
 * F1: the domain lookup through the form's own path — GET /api/account-lookup?identifier=…, as the
 * request form's fetch calls it, signed in — against the app's cheapest route (/api/bench), at the
 * same concurrency, in alternating windows (comparePaired). Judged against the trivial handler of the same run, so the
 * verdict holds on any machine: at least half its requests/s, a p99 within 1.5× its p99.
 */
import type autocannon from "autocannon";
import { comparePaired, load, pairRatios, type LoadResult } from "./http";
import { perSecond, ms, type Report } from "./report";

export interface F1Input {
  baseUrl: string;
  serverPid: number;
  cookies: string[];
  identifiers: string[];
  connections: number;
  /** Pairs of windows (comparePaired), each side `seconds` long. */
  rounds: number;
  seconds: number;
  warmupSeconds: number;
}

/** Lookups per second, as a share of the trivial handler's. */
export const LOOKUP_RATE_RATIO = 0.5;
/** The lookup's p99 at most this many times the trivial handler's. */
export const LOOKUP_P99_RATIO = 1.5;

/**
 * The framework's own ceiling on this machine now: GET /api/bench (static JSON, signed-in cookie
 * sent, nothing read), at the given concurrency.
 */
export function measureTrivialHandler(input: {
  baseUrl: string;
  serverPid: number;
  cookie: string;
  connections: number;
  seconds: number;
}): Promise<LoadResult> {
  const headers = { cookie: input.cookie };
  return load({
    url: `${input.baseUrl}/api/bench`,
    cpuPid: input.serverPid,
    connections: input.connections,
    duration: input.seconds,
    setupRequest: (request) => ({ ...request, headers }),
  });
}

/** Runs F1; returns the trivial handler's figures, the baseline the other figures are judged by. */
export async function runF1(input: F1Input, report: Report): Promise<LoadResult> {
  let turn = 0;
  const lookupRequest = (request: autocannon.Request) => {
    turn += 1;
    request.path = `/api/account-lookup?identifier=${encodeURIComponent(input.identifiers[turn % input.identifiers.length]!)}`;
    request.headers = {
      accept: "application/json",
      cookie: input.cookies[turn % input.cookies.length]!,
    };
    return request;
  };
  const outcomes = { ok: 0, matches: 0, refused: 0 };
  const checkLookup = (status: number, body: string) => {
    let result: { ok?: boolean; data?: { accounts?: unknown[] } } | undefined;
    try {
      result = JSON.parse(body) as typeof result;
    } catch {
      result = undefined;
    }
    if (status === 200 && result?.ok) {
      outcomes.ok += 1;
      if (result.data?.accounts?.length) outcomes.matches += 1;
    } else {
      outcomes.refused += 1;
    }
  };
  const trivial = (seconds: number) =>
    measureTrivialHandler({ ...input, cookie: input.cookies[0]!, seconds });
  const lookup = (seconds: number) =>
    load({
      url: `${input.baseUrl}/api/account-lookup`,
      cpuPid: input.serverPid,
      connections: input.connections,
      duration: seconds,
      setupRequest: lookupRequest,
      onResponse: checkLookup,
    });

  await trivial(input.warmupSeconds);
  await lookup(input.warmupSeconds);
  outcomes.ok = outcomes.matches = outcomes.refused = 0;
  const paired = await comparePaired(trivial, lookup, input.rounds, input.seconds);
  const { baseline: trivialResult, route: lookupResult, rateRatio: ratio, p99Ratio } = paired;
  const cpu = (result: LoadResult) => `server CPU ${ms(result.serverCpuMsPerRequest ?? NaN)}/req`;
  const clean = (result: LoadResult) => result.non2xx === 0 && result.errors === 0;
  report.add({
    figure: "F1",
    what: `trivial handler (/api/bench), ${input.connections} conn., ${input.rounds} × ${input.seconds} s`,
    goal: "baseline",
    measured: `${perSecond(trivialResult.rps)}, p50 ${ms(trivialResult.p50)}, p99 ${ms(trivialResult.p99)}; ${cpu(trivialResult)}`,
    pass: clean(trivialResult) ? null : false,
  });
  report.add({
    figure: "F1",
    what: `lookup (GET /api/account-lookup), ${input.connections} conn., ${input.rounds} × ${input.seconds} s between them`,
    goal: "every answer ok",
    measured: `${perSecond(lookupResult.rps)}, p50 ${ms(lookupResult.p50)}, p99 ${ms(lookupResult.p99)}; ${cpu(lookupResult)}`,
    pass: clean(lookupResult) && outcomes.refused === 0,
  });
  report.add({
    figure: "F1",
    what: "lookup ÷ trivial (req/s), median of the pairs",
    goal: `≥ ${LOOKUP_RATE_RATIO}`,
    measured: `${ratio.toFixed(2)} (pairs: ${pairRatios(paired)})`,
    pass: ratio >= LOOKUP_RATE_RATIO,
  });
  report.add({
    figure: "F1",
    what: "lookup p99 ÷ trivial p99, median of the pairs",
    goal: `≤ ${LOOKUP_P99_RATIO}`,
    measured: `${p99Ratio.toFixed(2)} (pairs: ${pairRatios(paired, (result) => result.p99)})`,
    pass: p99Ratio <= LOOKUP_P99_RATIO,
  });
  report.detail("f1", {
    trivial: trivialResult,
    lookup: lookupResult,
    ratio,
    p99Ratio,
    rounds: paired.rounds,
    outcomes,
  });
  return trivialResult;
}
