import { pbkdf2, randomBytes } from "node:crypto";
import dgram from "node:dgram";
import { readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { getDeliveryLog } from "@/lib/webhooks/delivery-log";
import { webhookAgents } from "@/lib/webhooks/http-client";
import { listWebhookEndpoints } from "@/lib/webhooks/list-endpoints";
import { ENDPOINT_CONCURRENCY } from "@/lib/webhooks/rules";
import {
  deliverDueWebhooks,
  startWebhookWorker,
  type WebhookWorkerOptions,
} from "@/lib/webhooks/worker";
import { actorOf, createAccount, createUser, createWebhookEndpoint } from "../factories";
import { webhookBed } from "./webhook-bed";

/**
 * A webhook endpoint on a name whose DNS server never answers (issue 26, point 1): a UDP socket
 * that reads every query and replies to none, given to the webhook client as its only DNS server
 * (a parameter of the code, which only tests set; production has no such knob).
 */
const bed = webhookBed();
let blackHole: dgram.Socket;
const queried: string[] = [];

beforeAll(async () => {
  blackHole = dgram.createSocket("udp4");
  // Keeps the name asked for (a DNS query: 12-byte header, then labels); answers nothing.
  blackHole.on("message", (query) => {
    const labels: string[] = [];
    for (let at = 12; at < query.length && query[at]! > 0; at += query[at]! + 1)
      labels.push(query.subarray(at + 1, at + 1 + query[at]!).toString("latin1"));
    queried.push(labels.join(".").toLowerCase());
  });
  await new Promise<void>((resolve) => blackHole.bind(0, "127.0.0.1", resolve));
});

afterAll(() => {
  blackHole.close();
});

function workerAskingTheBlackHole(timeoutMs: number): WebhookWorkerOptions {
  const { port } = blackHole.address();
  return {
    db,
    agents: webhookAgents(true, { servers: [`127.0.0.1:${port}`], timeoutMs, tries: 1 }),
  };
}

/** Passes until one finds nothing due; what each pass reported. */
async function drain(worker: WebhookWorkerOptions) {
  const reports = [];
  for (;;) {
    const report = await deliverDueWebhooks(worker);
    if (report.delivered + report.retrying + report.failed === 0) return reports;
    reports.push(report);
  }
}

async function accountWithTwoEndpoints() {
  const admin = actorOf(await createUser());
  const account = await createAccount({ admins: [{ userId: admin.id }] });
  const port = new URL(bed.receiver.url).port;
  const unanswered = await createWebhookEndpoint({
    accountId: account.id,
    createdById: admin.id,
    url: `http://hooks.black-hole.test:${port}/hooks`,
  });
  const answering = await createWebhookEndpoint({
    accountId: account.id,
    createdById: admin.id,
    url: bed.receiver.url,
  });
  return { admin, account, unanswered, answering };
}

const queue = (endpointId: string, count: number) =>
  db.webhookDelivery.createMany({
    data: Array.from({ length: count }, (_, n) => ({
      endpointId,
      eventType: "request.created",
      payload: { type: "request.created", data: { n } },
    })),
  });

describe("a webhook endpoint whose DNS never answers", () => {
  it("50 queued deliveries fail visibly as a DNS timeout, and other work keeps going", async () => {
    const { admin, unanswered, answering } = await accountWithTwoEndpoints();
    await queue(unanswered.id, 50);
    await queue(answering.id, 5);
    // Long enough that the first pass is surely still waiting on DNS while the rest is done.
    const worker = workerAskingTheBlackHole(1_500);
    let drained = false;
    const draining = drain(worker).finally(() => (drained = true));

    await expect.poll(() => queried.length).toBeGreaterThan(0);
    // The thread pool (files, crypto), the database and the portal's reads answer meanwhile.
    const [file, key, endpoints] = await Promise.all([
      readFile("package.json", "utf8"),
      Promise.all(
        Array.from({ length: 8 }, () =>
          promisify(pbkdf2)(randomBytes(8), "salt", 1000, 32, "sha256"),
        ),
      ),
      listWebhookEndpoints(admin),
    ]);
    expect([file.length > 0, key.length, endpoints.length, drained]).toEqual([true, 8, 2, false]);

    const reports = await draining;
    expect(queried.every((name) => name === "hooks.black-hole.test")).toBe(true);
    // No pass took more of the unanswered endpoint than it may have in flight.
    expect(reports.every((r) => r.retrying <= ENDPOINT_CONCURRENCY)).toBe(true);
    const outcomes = await db.webhookDelivery.findMany({
      where: { endpointId: unanswered.id },
      select: {
        status: true,
        lastError: true,
        tries: { select: { error: true, statusCode: true } },
      },
    });
    expect(outcomes).toHaveLength(50);
    expect(
      outcomes.every(
        (d) =>
          d.status === "QUEUED" &&
          d.lastError === "dns_timeout" &&
          d.tries.length === 1 &&
          d.tries[0]!.error === "dns_timeout" &&
          d.tries[0]!.statusCode === null,
      ),
    ).toBe(true);
    expect(
      await db.webhookDelivery.count({ where: { endpointId: answering.id, status: "DELIVERED" } }),
    ).toBe(5);
    expect(bed.receiver.received).toHaveLength(5);

    // The administrator's delivery log says "DNS timeout", and nothing of the name or port.
    const log = await getDeliveryLog(admin, unanswered.id, {});
    if (!log) throw new Error("the administrator sees the delivery log");
    expect(new Set(log.deliveries.flatMap((d) => d.tries.map((t) => t.failure)))).toEqual(
      new Set(["dns_timeout"]),
    );
    expect(JSON.stringify(log.deliveries)).not.toMatch(/black-hole|ETIMEOUT|127\.0\.0\.1/);
  });

  it("caps an endpoint's deliveries in flight, across workers", async () => {
    const { unanswered, answering } = await accountWithTwoEndpoints();
    await queue(answering.id, ENDPOINT_CONCURRENCY + 15);
    await queue(unanswered.id, 3);
    // Another worker holds 4 of the answering endpoint's deliveries under a live claim.
    const held = await db.webhookDelivery.findMany({
      where: { endpointId: answering.id },
      take: 4,
      select: { id: true },
    });
    await db.webhookDelivery.updateMany({
      where: { id: { in: held.map((row) => row.id) } },
      data: { claimToken: "another-worker", nextAttemptAt: new Date(Date.now() + 60_000) },
    });
    const worker = workerAskingTheBlackHole(200);
    expect(await deliverDueWebhooks(worker)).toEqual({
      delivered: ENDPOINT_CONCURRENCY - 4,
      retrying: 3,
      failed: 0,
    });
    // Once that claim is over, a pass takes a full share again.
    await db.webhookDelivery.updateMany({
      where: { claimToken: "another-worker" },
      data: { claimToken: null, nextAttemptAt: new Date() },
    });
    expect((await deliverDueWebhooks(worker)).delivered).toBe(ENDPOINT_CONCURRENCY);
  });

  it("a backlog larger than an endpoint's share is drained pass after pass, not one share per poll interval", async () => {
    const { answering } = await accountWithTwoEndpoints();
    await queue(answering.id, 3 * ENDPOINT_CONCURRENCY + 5);
    // An hour between passes when nothing was claimed: only passes run at once can drain it.
    const loop = startWebhookWorker({ ...bed.worker, pollMs: 3_600_000 });
    try {
      await expect
        .poll(() => db.webhookDelivery.count({ where: { status: "QUEUED" } }), { timeout: 30_000 })
        .toBe(0);
    } finally {
      await loop.stop();
    }
    expect(bed.receiver.received).toHaveLength(3 * ENDPOINT_CONCURRENCY + 5);
  });
});
