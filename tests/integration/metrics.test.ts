import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { GET } from "@/app/api/metrics/route";
import { approveRequest, denyRequest } from "@/lib/admin/approve-or-deny";
import { decideInBulk } from "@/lib/admin/bulk-decision";
import { db } from "@/lib/db/client";
import { databaseFiguresSql } from "@/lib/db/sql/metrics";
import { Prisma } from "@/lib/generated/prisma/client";
import { enqueueEmail } from "@/lib/mail/outbox";
import { startMetricsListener } from "@/lib/metrics/listener";
import { consumeRateLimit } from "@/lib/rate-limit";
import { submitRequest } from "@/lib/requests/submit-request";
import {
  actorOf,
  createAccount,
  createAdmin,
  createRequest,
  createUser,
  uniqueDomain,
} from "../factories";
import { api, tokenFor } from "./api-client";

// The environment is read once per test file: this file's processes have a METRICS_TOKEN.
const METRICS_TOKEN = "integration-metrics-token-integration-metrics";
process.env.METRICS_TOKEN = METRICS_TOKEN;

// Debian's `prometheus` package (.ci/run installs it). Missing here: this test says so and fails in
// CI; on a developer's machine without it, the promtool checks are skipped.
const promtoolPath = process.env.PROMTOOL_PATH ?? "/usr/bin/promtool";
const promtoolInstalled = existsSync(promtoolPath) || Boolean(process.env.CI);

async function scrape(headers: Record<string, string> = {}) {
  const response = await GET(new Request("http://localhost:3000/api/metrics", { headers }));
  return { status: response.status, headers: response.headers, body: await response.text() };
}

const withToken = { authorization: `Bearer ${METRICS_TOKEN}` };

/** The value of one sample (`name{labels} value`) in an exposition, or undefined. */
function sample(body: string, series: string): number | undefined {
  const line = body.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** Every node of an EXPLAIN (FORMAT JSON) plan. */
function planNodes(node: Record<string, unknown>): Record<string, unknown>[] {
  const children = (node.Plans as Record<string, unknown>[] | undefined) ?? [];
  return [node, ...children.flatMap(planNodes)];
}

describe("/api/metrics", () => {
  it("answers 404 while METRICS_TOKEN is not set, whatever is presented", async () => {
    const { answerScrape } = await import("@/lib/metrics/exposition");
    expect((await answerScrape(null, undefined)).status).toBe(404);
    expect((await answerScrape(`Bearer ${METRICS_TOKEN}`, undefined)).status).toBe(404);
  });

  it("refuses a scrape without the token, or with another one, with 401", async () => {
    for (const headers of <Record<string, string>[]>[
      {},
      { authorization: "Bearer wrong" },
      { authorization: `Bearer ${METRICS_TOKEN}x` },
      { authorization: `Basic ${METRICS_TOKEN}` },
      { authorization: "Bearer " },
    ]) {
      const answer = await scrape(headers);
      expect(answer.status, JSON.stringify(headers)).toBe(401);
      expect(answer.body).not.toContain("portal_");
    }
  });

  it("gives the metrics in Prometheus's text format (0.0.4) to the token, and promtool accepts them", async () => {
    await enqueueEmail(db, {
      to: "metrics-backlog@example.com",
      template: "sign-in",
      locale: "en",
      payload: { url: "http://localhost:3000/x", minutes: 15 },
    });
    const answer = await scrape(withToken);
    expect(answer.status).toBe(200);
    expect(answer.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    for (const name of [
      "process_cpu_seconds_total",
      "nodejs_heap_size_used_bytes",
      "portal_database_up 1",
      'portal_outbox_emails{status="queued"}',
      'portal_outbox_emails{status="failed"}',
      "portal_outbox_oldest_queued_age_seconds",
      "portal_webhook_deliveries_queued",
      "portal_webhook_oldest_queued_age_seconds",
      'portal_emails_last_hour{status="sent"}',
      'portal_webhook_deliveries_last_hour{status="delivered"}',
      'portal_db_pool_connections{state="open"}',
      "# TYPE portal_http_request_duration_seconds histogram",
      "# TYPE portal_access_requests_submitted_total counter",
      "# TYPE portal_job_passes_total counter",
    ])
      expect(answer.body).toContain(name);
    expect(sample(answer.body, 'portal_outbox_emails{status="queued"}')).toBeGreaterThanOrEqual(1);
    expect(sample(answer.body, 'portal_emails_last_hour{status="queued"}')).toBeGreaterThanOrEqual(
      1,
    );
    expect(sample(answer.body, "portal_outbox_oldest_queued_age_seconds")).toBeGreaterThanOrEqual(
      0,
    );

    if (!promtoolInstalled) return;
    if (!existsSync(promtoolPath))
      throw new Error(
        `promtool is not at ${promtoolPath}: apt-get install prometheus, or set PROMTOOL_PATH`,
      );
    const check = spawnSync(promtoolPath, ["check", "metrics"], {
      input: answer.body,
      encoding: "utf8",
    });
    expect(check.stdout + check.stderr).toBe("");
    expect(check.status).toBe(0);
    // The check can fail: a metric without its HELP line is refused.
    const broken = spawnSync(promtoolPath, ["check", "metrics"], {
      input: "# TYPE broken counter\nbroken 1\n",
      encoding: "utf8",
    });
    expect(broken.status).not.toBe(0);
  });

  it("reads the database's figures from indexes only: the backlogs' partial indexes, the last hour's ranges", async () => {
    // With sequential scans priced out, the plan shows which indexes can serve the statement.
    const plan = await db.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      const rows = await tx.$queryRaw<{ "QUERY PLAN": [{ Plan: Record<string, unknown> }] }[]>(
        Prisma.sql`EXPLAIN (FORMAT JSON) ${databaseFiguresSql(new Date(Date.now() - 3_600_000))}`,
      );
      return rows[0]!["QUERY PLAN"][0].Plan;
    });
    const nodes = planNodes(plan);
    expect(
      nodes.filter((node) => node["Node Type"] === "Seq Scan").map((node) => node["Relation Name"]),
    ).toEqual([]);
    const scans = (index: string) => nodes.filter((node) => node["Index Name"] === index);
    for (const index of [
      "EmailMessage_queued_idx",
      "EmailMessage_failed_idx",
      "EmailMessage_createdAt_idx",
    ])
      expect(scans(index), index).not.toHaveLength(0);
    // The webhook backlog (its count, its oldest) from a partial index of the queued deliveries.
    const webhookIndexes = nodes.flatMap((node) =>
      /^WebhookDelivery_/.test(String(node["Index Name"])) ? [String(node["Index Name"])] : [],
    );
    const backlogIndexes = webhookIndexes.filter(
      (index) => index !== "WebhookDelivery_endpointId_createdAt_idx",
    );
    expect(backlogIndexes).toHaveLength(2);
    for (const index of backlogIndexes)
      expect(["WebhookDelivery_queued_idx", "WebhookDelivery_endpoint_queued_idx"]).toContain(
        index,
      );
    // The last hour of each endpoint: a range of its own deliveries, not the whole index.
    for (const scan of scans("WebhookDelivery_endpointId_createdAt_idx"))
      expect(String(scan["Index Cond"])).toMatch(/"endpointId" = w\.id.*"createdAt" >=/);
  });

  it("counts a submitted request once its transaction committed", async () => {
    const read = async () =>
      sample(
        (await scrape(withToken)).body,
        'portal_access_requests_submitted_total{outcome="created"}',
      ) ?? 0;
    const before = await read();
    const domain = uniqueDomain();
    const [admin, requester] = [await createUser(), await createUser()];
    const account = await createAccount({
      domains: [domain],
      members: [{ userId: admin.id, role: "ADMIN" }],
    });
    const result = await submitRequest.execute(actorOf(requester), {
      accountId: account.id,
      domain,
      reason: "I manage our licences and need this account.",
    });
    expect(result.outcome).toBe("created");
    expect(await read()).toBe(before + 1);
  });

  it("counts a decision once its transaction committed, by each door, and a lost race not at all", async () => {
    const read = async (outcome: "approved" | "denied") =>
      sample(
        (await scrape(withToken)).body,
        `portal_access_requests_decided_total{outcome="${outcome}"}`,
      ) ?? 0;
    const account = await createAccount();
    const admin = await createAdmin([account.id]);
    const requests = await Promise.all(
      Array.from({ length: 5 }, () => createRequest({ accountId: account.id })),
    );
    const [approved, denied] = [await read("approved"), await read("denied")];
    // The UI's single decision, a bulk decision of two, the API's door.
    await approveRequest.execute(admin, { requestId: requests[0]!.id, role: "USER" });
    await decideInBulk.execute(admin, {
      requestIds: [requests[1]!.id, requests[2]!.id],
      decision: "deny",
    });
    const { token } = await tokenFor(admin);
    expect((await api.approve(requests[3]!.id, { token, body: { role: "VIEWER" } })).status).toBe(
      200,
    );
    expect([await read("approved"), await read("denied")]).toEqual([approved + 2, denied + 2]);
    // Already decided: refused, nothing counted; the same in bulk.
    await expect(denyRequest.execute(admin, { requestId: requests[0]!.id })).rejects.toMatchObject({
      code: "CONFLICT",
    });
    await decideInBulk.execute(admin, { requestIds: [requests[1]!.id], decision: "approve" });
    expect([await read("approved"), await read("denied")]).toEqual([approved + 2, denied + 2]);
  });

  it("counts the refusals of a rate limit by its name", async () => {
    const series = 'portal_rate_limit_refusals_total{limit="health"}';
    const before = sample((await scrape(withToken)).body, series) ?? 0;
    const key = `metrics-${Date.now()}`;
    for (let i = 0; i < 300; i += 1) await consumeRateLimit("health", key);
    await expect(consumeRateLimit("health", key)).rejects.toThrow();
    expect(sample((await scrape(withToken)).body, series)).toBe(before + 1);
  });
});

describe("the worker's metrics listener (METRICS_PORT)", () => {
  const listener = startMetricsListener(0, METRICS_TOKEN);
  afterAll(() => new Promise((resolve) => listener.close(resolve)));
  const url = (path: string) =>
    `http://127.0.0.1:${(listener.address() as AddressInfo).port}${path}`;

  it("serves GET /metrics to the token only, and nothing else", async () => {
    await new Promise((resolve) =>
      listener.listening ? resolve(null) : listener.on("listening", resolve),
    );
    const ok = await fetch(url("/metrics"), { headers: withToken });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toBe("text/plain; version=0.0.4; charset=utf-8");
    expect(await ok.text()).toContain("portal_database_up 1");
    expect((await fetch(url("/metrics"))).status).toBe(401);
    expect((await fetch(url("/elsewhere"), { headers: withToken })).status).toBe(404);
  });
});

describe.skipIf(!promtoolInstalled)("docs/deploy.md's Prometheus configuration", () => {
  it("its scrape config and its alerts are what promtool accepts", () => {
    const deploy = readFileSync(path.join(process.cwd(), "docs", "deploy.md"), "utf8");
    const section = deploy.split("\n## Metrics\n")[1]!.split("\n## ")[0]!;
    const [config, alerts] = [...section.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(config).toContain("scrape_configs:");
    expect(alerts).toContain("groups:");
    const dir = mkdtempSync(path.join(os.tmpdir(), "portal-promdoc-"));
    // The token file the config names, here.
    const tokenFile = path.join(dir, "token");
    writeFileSync(tokenFile, METRICS_TOKEN);
    writeFileSync(
      path.join(dir, "prometheus.yml"),
      config!.replaceAll("/etc/prometheus/portal-metrics-token", tokenFile),
    );
    writeFileSync(path.join(dir, "portal-alerts.yml"), alerts!);
    for (const [command, file] of [
      ["config", "prometheus.yml"],
      ["rules", "portal-alerts.yml"],
    ]) {
      const check = spawnSync(promtoolPath, ["check", command!, path.join(dir, file!)], {
        encoding: "utf8",
      });
      expect(check.status, check.stdout + check.stderr).toBe(0);
    }
  });
});
