/**
 * F2: the pages people wait on at scale — an administrator's pending queue for the busy account
 * (first page, and a page deep in it by keyset) and the support search by email prefix — as their
 * users load them (whole server-rendered page, signed in), a few at a time.
 */
import { measurePage, type LatencyResult } from "./http";
import { ms, perSecond, type Pace, type Report } from "./report";
import { adminQueueDeepPageUrl, adminQueueFirstPageUrl, supportEmailPrefixSearchUrl } from "./urls";

export interface F2Input {
  baseUrl: string;
  adminCookie: string;
  supportCookie: string;
  hotAccountId: string;
  deepCursor: { createdAt: Date; id: string };
  /** Text the deep page must show: the requester of the row right after the cursor. */
  deepPageMarker: string;
  supportEmailPrefix: string;
  /** Text the search must show: the newest matching request. */
  supportMarker: string;
  count: number;
  concurrency: number;
  pace: Pace;
}

/** On the reference machine (see Pace). */
const P95_GOAL_MS = 100;

/** A 200 that holds what the page is about (not a sign-in redirect, a 404 or an error page). */
const expect = (marker: string) => (status: number, body: string) =>
  status !== 200
    ? `status ${status}`
    : body.includes(marker)
      ? null
      : `the page does not show "${marker}"`;

export async function runF2(input: F2Input, report: Report): Promise<void> {
  const pages: { what: string; path: string; cookie: string; marker: string }[] = [
    {
      what: "admin queue, first page",
      path: adminQueueFirstPageUrl(input.hotAccountId),
      cookie: input.adminCookie,
      marker: "Hot Account Corporation",
    },
    {
      what: "admin queue, deep page (keyset)",
      path: adminQueueDeepPageUrl(input.hotAccountId, input.deepCursor),
      cookie: input.adminCookie,
      marker: input.deepPageMarker,
    },
    {
      what: "support search, email prefix",
      path: supportEmailPrefixSearchUrl(input.supportEmailPrefix),
      cookie: input.supportCookie,
      marker: input.supportMarker,
    },
  ];
  const results: Record<string, LatencyResult & { path: string }> = {};
  const goal = input.pace.time(P95_GOAL_MS);
  for (const page of pages) {
    const url = `${input.baseUrl}${page.path}`;
    const options = { verify: expect(page.marker), concurrency: input.concurrency };
    await measurePage(
      url,
      { cookie: page.cookie },
      { ...options, count: Math.max(10, Math.round(input.count / 5)) },
    );
    const result = await measurePage(
      url,
      { cookie: page.cookie },
      { ...options, count: input.count },
    );
    results[page.what] = { ...result, path: page.path };
    report.add({
      figure: "F2",
      what: page.what,
      goal: `p95 ≤ ${input.pace.explain(ms(P95_GOAL_MS), ms(goal))}`,
      measured: `p50 ${ms(result.p50)}, p95 ${ms(result.p95)} (${perSecond(result.rps)} at ${input.concurrency})`,
      pass: result.p95 <= goal,
    });
  }
  report.detail("f2", results);
}
