/**
 * Scale-out: three production servers on one PostgreSQL behind nginx (round-robin), each running
 * its outbox worker. Sessions, rate limits, emails and first-decision-wins must hold whichever
 * server a request lands on.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser } from "@playwright/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rateLimits } from "@/lib/rate-limit";
import { MAIL_DOMAIN, printFigures, startCluster, type Cluster } from "./support/cluster";
import { createAccount, createPendingRequests, createUsers } from "../factories";
import { deliveries } from "./support/emails";
import { inParallel } from "./support/load";
import { askForSignInLink, signInUsers, type Answer } from "./support/portal-client";
import { startPrometheus } from "./support/prometheus";

const SERVERS = 3;
const LOOKUP_LIMIT = 9;
/** The portal's own limit (lib/rate-limit.ts), not set by this test. */
const SIGN_IN_LINKS_PER_ADDRESS = rateLimits.signInLinkPerAddress.points;
// Each decision is one server action call through nginx: 200 take 10–25 s on 2 cores.
const DECISIONS = 200;
const RACING_ADMINS = 50;
const METRICS_TOKEN = "resilience-metrics-token-resilience-metrics";

let cluster: Cluster;
let browser: Browser | undefined;

beforeAll(async () => {
  cluster = await startCluster({
    name: "scale-out",
    servers: SERVERS,
    env: { LOOKUP_RATE_LIMIT_PER_MINUTE: String(LOOKUP_LIMIT), METRICS_TOKEN },
  });
});

afterAll(async () => {
  await browser?.close();
  await cluster?.stop();
});

/** Which server answered, counted: every one of them must have had its share. */
function spread(upstreams: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const upstream of upstreams)
    counts[`answered by ${upstream || "nginx"}`] =
      (counts[`answered by ${upstream || "nginx"}`] ?? 0) + 1;
  return counts;
}

describe("three app servers behind a load balancer", () => {
  it("a browser user signs in through the balancer and keeps working while their requests land on every server", async () => {
    const [admin] = await createUsers(1, "admin", cluster.db);
    const account = await createAccount({ admins: [{ userId: admin!.id }] }, cluster.db);
    const [user] = await createUsers(1, "browser", cluster.db);
    browser = await chromium.launch({
      // Debian's Chromium, with the arguments of playwright.config.ts.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    });
    const page = await browser.newPage({ baseURL: cluster.url, locale: "en-US" });
    // Pages, server actions and lookups (not the static files), by the server that answered them.
    const dynamic: string[] = [];
    page.on("response", (response) => {
      if (!response.url().includes("/_next/static/"))
        dynamic.push(response.headers()["x-upstream"] ?? "");
    });

    await page.goto("/sign-in");
    await page.getByLabel("Work email address").fill(user!.email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await page.getByRole("heading", { name: "Check your email" }).waitFor();
    const mail = await cluster.smtp.waitFor((m) => m.to.includes(user!.email));
    const link = /https?:\/\/[^\s"<>]+\/api\/auth\/callback\/email[^\s"<>]+/
      .exec(mail.raw)![0]
      .replaceAll("&amp;", "&");
    expect(link.startsWith(cluster.url)).toBe(true);
    await page.goto(link);
    const signedIn = page.getByText(`Signed in as ${user!.email}`);
    await signedIn.waitFor();

    await page.goto("/requests/new");
    await page.getByLabel("Account Domain Identifier").fill(account.domains[0]!.domain);
    await page.getByRole("button", { name: "Submit" }).click();
    await page
      .getByText(`Account found: ${account.name} (${account.domains[0]!.domain})`)
      .waitFor();
    await page
      .getByLabel("Reason for Request")
      .fill("I run the network team and need to manage the licences.");
    await page.getByRole("button", { name: "Send Request" }).click();
    await page.getByText("Request sent").waitFor();

    // Successive pages until each server has answered this user's pages, each still signed in.
    const pages: string[] = [];
    for (let visit = 0; visit < 20 && new Set(pages).size < SERVERS; visit += 1) {
      const response = await page.goto(visit % 2 ? "/requests" : "/profile");
      const upstream = response!.headers()["x-upstream"] ?? "";
      await signedIn.waitFor();
      // A page load makes a fixed number of requests: on a server seen already, shift nginx's
      // rotation by one so that the next load cannot keep falling on the same servers.
      if (pages.includes(upstream)) await page.request.get("/api/health");
      pages.push(upstream);
    }
    await page.goto("/requests");
    await page.getByRole("heading", { name: account.name }).waitFor();
    expect(
      await cluster.db.accessRequest.count({
        where: { requesterId: user!.id, accountId: account.id, status: "PENDING" },
      }),
    ).toBe(1);
    printFigures("scale-out / browser session", {
      "signed-in page loads": pages.length,
      "servers answering them": new Set(pages).size,
      ...spread(dynamic),
    });
    expect(new Set(pages).size).toBe(SERVERS);
  });

  it("the lookup rate limit counts once across the servers: its allowance is spent wherever the lookups land", async () => {
    const [admin, requester] = await createUsers(2, "lookup", cluster.db);
    const account = await createAccount({ admins: [{ userId: admin!.id }] }, cluster.db);
    const [user] = await signInUsers(cluster.url, cluster.database.url, [requester!.id]);
    const lookups = LOOKUP_LIMIT + 2 * SERVERS;
    const answers = [];
    for (let i = 0; i < lookups; i += 1)
      answers.push(await user!.get(`/api/account-lookup?identifier=${account.domains[0]!.domain}`));
    const allowed = answers.filter((answer) => answer.status === 200);
    const refused = answers.filter((answer) => answer.status === 429);
    printFigures("scale-out / lookup limit", {
      lookups,
      limit: LOOKUP_LIMIT,
      allowed: allowed.length,
      refused: refused.length,
      "servers answering": new Set(answers.map((answer) => answer.upstream)).size,
    });
    // Counted per server, each of the three would have allowed every one of its five lookups.
    expect(new Set(allowed.map((answer) => answer.upstream)).size).toBe(SERVERS);
    expect(allowed).toHaveLength(LOOKUP_LIMIT);
    expect(refused).toHaveLength(lookups - LOOKUP_LIMIT);
  });

  it("the sign-in link limit counts once across the servers: five links per address, wherever the forms land", async () => {
    const address = `limit-${Date.now().toString(36)}@${MAIL_DOMAIN}`;
    const attempts = SIGN_IN_LINKS_PER_ADDRESS + 2 * SERVERS;
    const answers: Answer[] = [];
    for (let i = 0; i < attempts; i += 1)
      answers.push(await askForSignInLink(cluster.url, address));
    const sent = answers.filter((answer) => answer.status === 200);
    const refused = answers.filter((answer) => answer.status === 429);
    printFigures("scale-out / sign-in link limit", {
      attempts,
      limit: SIGN_IN_LINKS_PER_ADDRESS,
      sent: sent.length,
      refused: refused.length,
      "servers answering": new Set(answers.map((answer) => answer.upstream)).size,
    });
    expect(new Set(sent.map((answer) => answer.upstream)).size).toBeGreaterThan(1);
    expect(sent).toHaveLength(SIGN_IN_LINKS_PER_ADDRESS);
    expect(refused).toHaveLength(attempts - SIGN_IN_LINKS_PER_ADDRESS);
    expect(
      await cluster.db.emailMessage.count({ where: { to: address, template: "sign-in" } }),
    ).toBe(SIGN_IN_LINKS_PER_ADDRESS);
  });

  it(`${DECISIONS} decisions spread over the servers: every decision's email is delivered exactly once`, async () => {
    const [admin] = await createUsers(1, "decider", cluster.db);
    const account = await createAccount({ admins: [{ userId: admin!.id }] }, cluster.db);
    const requesters = await createUsers(DECISIONS, "decided", cluster.db);
    const requestIds = await createPendingRequests(
      account,
      requesters.map((r) => r.id),
      cluster.db,
    );
    const [decider] = await signInUsers(cluster.url, cluster.database.url, [admin!.id]);

    const started = performance.now();
    const answers = await inParallel(requestIds, 8, (requestId) =>
      decider!.call("approve", [{ requestId, role: "USER" }], `/admin/requests/${requestId}`),
    );
    const seconds = (performance.now() - started) / 1000;
    const decided = answers.filter((answer) => answer.result?.ok).length;
    const emails = await deliveries(cluster, { requestId: { in: requestIds } });
    printFigures("scale-out / decisions", {
      decisions: DECISIONS,
      acknowledged: decided,
      "per second": (DECISIONS / seconds).toFixed(0),
      "emails expected": emails.expected,
      delivered: emails.delivered,
      duplicated: emails.duplicated,
      ...spread(answers.map((answer) => answer.upstream)),
    });
    expect(decided).toBe(DECISIONS);
    expect(new Set(answers.map((answer) => answer.upstream)).size).toBe(SERVERS);
    expect(
      await cluster.db.accessRequest.count({
        where: { id: { in: requestIds }, status: "APPROVED" },
      }),
    ).toBe(DECISIONS);
    expect(emails).toEqual({ expected: DECISIONS, delivered: DECISIONS, duplicated: 0, failed: 0 });
  });

  it(`${RACING_ADMINS} administrators decide one request at once through different servers: one decision, one membership, one email`, async () => {
    const admins = await createUsers(RACING_ADMINS, "racer", cluster.db);
    const account = await createAccount(
      { admins: admins.map((a) => ({ userId: a.id })) },
      cluster.db,
    );
    const [requester] = await createUsers(1, "raced", cluster.db);
    const [requestId] = await createPendingRequests(account, [requester!.id], cluster.db);
    const deciders = await signInUsers(
      cluster.url,
      cluster.database.url,
      admins.map((a) => a.id),
    );

    const answers = await Promise.all(
      deciders.map((decider) =>
        decider.call("approve", [{ requestId, role: "USER" }], `/admin/requests/${requestId}`),
      ),
    );
    const winners = answers.filter((answer) => answer.result?.ok);
    const toldAlreadyDecided = answers.filter(
      (answer) => answer.result?.ok === false && answer.result.code === "CONFLICT",
    );
    const memberships = await cluster.db.membership.count({
      where: { userId: requester!.id, accountId: account.id },
    });
    const decisionsRecorded = await cluster.db.auditEvent.count({
      where: { subjectId: requestId!, action: { in: ["request.approved", "request.denied"] } },
    });
    const emails = await deliveries(cluster, { requestId: requestId! });
    printFigures("scale-out / racing administrators", {
      administrators: RACING_ADMINS,
      "servers answering": new Set(answers.map((answer) => answer.upstream)).size,
      decisions: winners.length,
      "told already decided": toldAlreadyDecided.length,
      "decisions recorded": decisionsRecorded,
      memberships,
      "emails expected": emails.expected,
      delivered: emails.delivered,
      duplicated: emails.duplicated,
    });
    expect(new Set(answers.map((answer) => answer.upstream)).size).toBe(SERVERS);
    expect(winners).toHaveLength(1);
    expect(toldAlreadyDecided).toHaveLength(RACING_ADMINS - 1);
    const winner = deciders[answers.findIndex((answer) => answer.result?.ok)]!;
    expect(
      await cluster.db.accessRequest.findUniqueOrThrow({ where: { id: requestId! } }),
    ).toMatchObject({ status: "APPROVED", decidedById: winner.userId });
    expect({ memberships, decisionsRecorded }).toEqual({ memberships: 1, decisionsRecorded: 1 });
    expect(emails).toEqual({ expected: 1, delivered: 1, duplicated: 0, failed: 0 });
  });

  it("a real Prometheus scrapes each server's /api/metrics and finds every decision in the sum of their counters", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "portal-prometheus-"));
    const prometheus = await startPrometheus({
      dir,
      targets: cluster.servers.map((server) => `127.0.0.1:${server.port}`),
      metricsPath: "/api/metrics",
      token: METRICS_TOKEN,
    });
    try {
      await prometheus.scraped(15_000);
      const [approved] = await prometheus.query(
        'sum(portal_access_requests_decided_total{outcome="approved"})',
      );
      // Server actions post to the page's own path: counted under its route pattern, by server.
      const decisionPosts = await prometheus.query(
        'sum by (instance) (portal_http_request_duration_seconds_count{route="/admin/requests/[id]", method="POST", status="200"})',
      );
      printFigures("scale-out / metrics", {
        "servers scraped": SERVERS,
        "approved (sum of the servers' counters)": approved?.value ?? 0,
        "decision posts by server": decisionPosts.map((sample) => sample.value).join(" / "),
      });
      // The decisions of this file: DECISIONS spread over the servers, and one racing winner.
      expect(approved?.value).toBe(DECISIONS + 1);
      expect(decisionPosts).toHaveLength(SERVERS);
      for (const sample of decisionPosts) expect(sample.value).toBeGreaterThan(0);
    } finally {
      await prometheus.stop();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("no server exited or logged an unhandled error meanwhile", () => {
    expect(cluster.trouble()).toEqual([]);
  });
});
