/**
 * The SMTP relay fails: first it refuses connections for 30 s while decisions keep coming, then it
 * turns slow, accepting each message only after longer than a claim's lease. Every email must
 * still be delivered, none given up, and none sent twice — but for the one copy SMTP cannot avoid
 * when the outage cuts a connection between the relay's acceptance and its reply.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { printFigures, startCluster, type Cluster } from "./support/cluster";
import { createAccount, createPendingRequests, createUsers } from "../factories";
import { deliveries } from "./support/emails";
import { steadily } from "./support/load";
import { signInUsers } from "./support/portal-client";

// 500 decisions made over 36 s (~14/s), the relay down from the 3rd to the 33rd second; the
// outbox's backoff (10, 20, 40 s …) then needs up to ~50 s more to send the last of them.
const DECISIONS = 500;
const LOAD_MS = 36_000;
const DOWN_AT_MS = 3_000;
const OUTAGE_MS = 30_000;
// Short, so that a slow relay outlasts it many times over in a few seconds.
const LEASE_MS = 2_000;
const SLOW_DECISIONS = 30;

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({
    name: "smtp-outage",
    servers: 3,
    env: { OUTBOX_LEASE_MS: String(LEASE_MS) },
  });
});

afterAll(async () => {
  await cluster?.stop();
});

async function pendingRequestsWithDecider(count: number) {
  const [admin] = await createUsers(1, "smtp-admin", cluster.db);
  const account = await createAccount({ admins: [{ userId: admin!.id }] }, cluster.db);
  const requesters = await createUsers(count, "smtp-requester", cluster.db);
  const requestIds = await createPendingRequests(
    account,
    requesters.map((r) => r.id),
    cluster.db,
  );
  const [decider] = await signInUsers(cluster.url, cluster.database.url, [admin!.id]);
  return { requestIds, decider: decider! };
}

describe("the SMTP relay fails", () => {
  it(`refuses connections for ${OUTAGE_MS / 1000} s while ${DECISIONS} decisions are made: afterwards every email is delivered, none failed, a copy only where a cut connection lost the reply`, async () => {
    const { requestIds, decider } = await pendingRequestsWithDecider(DECISIONS);
    const started = Date.now();
    let cut = 0;
    const outage = (async () => {
      await new Promise((resolve) => setTimeout(resolve, DOWN_AT_MS));
      cut = await cluster.smtp.goDown();
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      await cluster.smtp.comeBack();
      return Date.now();
    })();
    const [calls, backAt] = await Promise.all([
      steadily(started, (DECISIONS * 1000) / LOAD_MS, LOAD_MS, (i) =>
        decider.call(
          "approve",
          [{ requestId: requestIds[i]!, role: "USER" }],
          `/admin/requests/${requestIds[i]!}`,
        ),
      ),
      outage,
    ]);
    const acknowledged = calls.filter((call) => call.answer.result?.ok).length;
    const emails = await deliveries(cluster, { requestId: { in: requestIds } }, 120_000);
    const retried = await cluster.db.emailMessage.count({
      where: { requestId: { in: requestIds }, attempts: { gt: 1 } },
    });
    printFigures("smtp outage", {
      decisions: calls.length,
      acknowledged,
      "relay down (s)": OUTAGE_MS / 1000,
      "connections cut": cut,
      "emails held back and retried": retried,
      "all sent (s after the relay was back)": ((Date.now() - backAt) / 1000).toFixed(0),
      "emails expected": emails.expected,
      delivered: emails.delivered,
      duplicated: emails.duplicated,
      failed: emails.failed,
    });
    expect(acknowledged).toBe(DECISIONS);
    // The outage really held emails back.
    expect(retried).toBeGreaterThan(0);
    expect(emails).toEqual({
      expected: DECISIONS,
      delivered: DECISIONS,
      duplicated: emails.duplicated,
      failed: 0,
    });
    // SMTP's one unavoidable duplicate (RFC 1047): a connection cut after the relay accepted a
    // message but before its reply arrived. The worker retries it with the same Message-ID, so a
    // receiver can drop the copy. At most one per connection cut; no other copy.
    expect(emails.duplicated).toBeLessThanOrEqual(cut);
    expect(cluster.trouble()).toEqual([]);
  });

  it(`accepts each message only after twice the claim's lease (${LEASE_MS / 1000} s): no email sent twice, none failed, none turned from FAILED to SENT`, async () => {
    const { requestIds, decider } = await pendingRequestsWithDecider(SLOW_DECISIONS);
    cluster.smtp.answerAfter(2 * LEASE_MS);
    // Watch the outbox meanwhile: a row claimed a second time, or ever FAILED, is an anomaly.
    const everFailed = new Set<string>();
    let maxAttempts = 0;
    let watching = true;
    const watch = (async () => {
      while (watching) {
        const rows = await cluster.db.emailMessage.findMany({
          where: { requestId: { in: requestIds } },
          select: { id: true, status: true, attempts: true },
        });
        for (const row of rows) {
          if (row.status === "FAILED") everFailed.add(row.id);
          maxAttempts = Math.max(maxAttempts, row.attempts);
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    const started = Date.now();
    let answers, emails;
    try {
      answers = await Promise.all(
        requestIds.map((requestId) =>
          decider.call("approve", [{ requestId, role: "USER" }], `/admin/requests/${requestId}`),
        ),
      );
      emails = await deliveries(cluster, { requestId: { in: requestIds } }, 60_000);
    } finally {
      watching = false;
      await watch;
      cluster.smtp.answerAfter(0);
    }
    const flipped = await cluster.db.emailMessage.count({
      where: { id: { in: [...everFailed] }, status: "SENT" },
    });
    printFigures("slow smtp", {
      decisions: answers.length,
      acknowledged: answers.filter((answer) => answer.result?.ok).length,
      "lease (s)": LEASE_MS / 1000,
      "relay's answer after (s)": (2 * LEASE_MS) / 1000,
      "all sent after (s)": ((Date.now() - started) / 1000).toFixed(0),
      "most attempts of one email": maxAttempts,
      "emails expected": emails.expected,
      delivered: emails.delivered,
      duplicated: emails.duplicated,
      failed: emails.failed,
      "FAILED → SENT": flipped,
    });
    expect(emails).toEqual({
      expected: SLOW_DECISIONS,
      delivered: SLOW_DECISIONS,
      duplicated: 0,
      failed: 0,
    });
    // No worker claimed a message another was still sending.
    expect(maxAttempts).toBe(1);
    expect({ everFailed: everFailed.size, flipped }).toEqual({ everFailed: 0, flipped: 0 });
    expect(cluster.trouble()).toEqual([]);
  });
});
