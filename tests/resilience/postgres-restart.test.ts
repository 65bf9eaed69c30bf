/**
 * PostgreSQL restarts under load: while submits, decisions and lookups arrive at a steady rate
 * through the load balancer, the database is stopped for 10 s and started again. Nothing may be
 * lost or invented, no server may die, and every server recovers by itself.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually, printFigures, startCluster, type Cluster } from "./support/cluster";
import { createAccount, createPendingRequests, createUsers } from "../factories";
import { deliveries } from "./support/emails";
import { steadily } from "./support/load";
import { signInUsers, type ActionAnswer } from "./support/portal-client";

const BEFORE_MS = 5_000;
const OUTAGE_MS = 10_000;
const AFTER_MS = 10_000;
const LOAD_MS = BEFORE_MS + OUTAGE_MS + AFTER_MS;
// Per second, through nginx: enough that every server has work in flight, and idle pooled
// connections to lose, when the database goes away.
const SUBMITS_PER_SECOND = 6;
const DECISIONS_PER_SECOND = 3;
const LOOKUPS_PER_SECOND = 3;
const REASON = "Resilience suite: I need to manage this account's licences.";

let cluster: Cluster;

beforeAll(async () => {
  cluster = await startCluster({
    name: "postgres-restart",
    servers: 3,
    env: { LOOKUP_RATE_LIMIT_PER_MINUTE: "100000" },
  });
});

afterAll(async () => {
  await cluster?.stop();
});

/** A call that failed before any answer (the connection to nginx itself) counts as an error seen. */
const orError = <T>(call: Promise<ActionAnswer<T>>) =>
  call.catch((error: unknown): ActionAnswer<T> => ({
    status: 0,
    upstream: "",
    body: String(error),
    result: undefined,
  }));

describe("PostgreSQL stopped for 10 s under load", () => {
  it("loses no acknowledged submit or decision, records none that was not acknowledged, and every server recovers by itself", async () => {
    const [admin, otherAdmin] = await createUsers(2, "restart-admin", cluster.db);
    const submitTo = await createAccount({ admins: [{ userId: otherAdmin!.id }] }, cluster.db);
    const decideIn = await createAccount({ admins: [{ userId: admin!.id }] }, cluster.db);
    const submitCount = (SUBMITS_PER_SECOND * LOAD_MS) / 1000;
    const decisionCount = (DECISIONS_PER_SECOND * LOAD_MS) / 1000;
    const submitters = await createUsers(submitCount, "restart-submitter", cluster.db);
    const decidedRequesters = await createUsers(decisionCount, "restart-decided", cluster.db);
    const requestIds = await createPendingRequests(
      decideIn,
      decidedRequesters.map((r) => r.id),
      cluster.db,
    );
    const [decider, ...requesters] = await signInUsers(cluster.url, cluster.database.url, [
      admin!.id,
      ...submitters.map((s) => s.id),
    ]);

    // Health through the balancer, four times a second, until the end.
    const health: { at: number; status: number }[] = [];
    let probing = true;
    const started = Date.now();
    const probe = (async () => {
      while (probing) {
        const status = await fetch(`${cluster.url}/api/health`).then(
          (r) => r.status,
          () => 0,
        );
        health.push({ at: Date.now() - started, status });
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();

    const outage = (async () => {
      await new Promise((resolve) => setTimeout(resolve, BEFORE_MS));
      const stoppedAt = Date.now() - started;
      await cluster.database.stop();
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      await cluster.database.start();
      return { stoppedAt, startedAt: Date.now() - started };
    })();
    const [submitCalls, decisionCalls, lookupCalls, window] = await Promise.all([
      steadily(started, SUBMITS_PER_SECOND, LOAD_MS, (i) =>
        orError(
          requesters[i]!.call<{ outcome: string }>("submit", [
            { accountId: submitTo.id, domain: submitTo.domains[0]!.domain, reason: REASON },
          ]),
        ),
      ),
      steadily(started, DECISIONS_PER_SECOND, LOAD_MS, (i) =>
        orError(
          decider!.call(
            "approve",
            [{ requestId: requestIds[i]!, role: "USER" }],
            `/admin/requests/${requestIds[i]!}`,
          ),
        ),
      ),
      steadily(started, LOOKUPS_PER_SECOND, LOAD_MS, (i) =>
        requesters[i]!.get(`/api/account-lookup?identifier=${submitTo.domains[0]!.domain}`).then(
          (a) => a.status,
          () => 0,
        ),
      ),
      outage,
    ]);

    // Every server answers healthy again by itself, directly as well as through the balancer.
    await eventually(
      "every server is healthy",
      async () => {
        const statuses = await Promise.all(
          cluster.servers.map((server) =>
            fetch(`${server.url}/api/health`).then(
              (r) => r.status,
              () => 0,
            ),
          ),
        );
        return statuses.every((status) => status === 200);
      },
      30_000,
    );
    probing = false;
    await probe;

    const submits = submitCalls.map((call) => call.answer);
    const decisions = decisionCalls.map((call) => call.answer);
    // Calls made a second or more after PostgreSQL was back must all have been served. (Calls made
    // before the stop may still be in flight when it comes, on a busy machine: they may fail.)
    const failedAfterRestart = <T>(
      kind: string,
      calls: { at: number; answer: T }[],
      served: (answer: T) => boolean,
      why: (answer: T) => string,
    ) =>
      calls
        .filter((call) => call.at >= window.startedAt + 1_000 && !served(call.answer))
        .map(
          (call) =>
            `${kind} at ${call.at} ms (stopped ${window.stoppedAt}, started ${window.startedAt}): ${why(call.answer)}`,
        );
    const actionFailure = (answer: ActionAnswer<unknown>) =>
      `HTTP ${answer.status} from ${answer.upstream || "nginx"}, ${answer.result ? JSON.stringify(answer.result) : answer.body.slice(0, 200)}`;
    const failuresAfterRestart = [
      ...failedAfterRestart(
        "submit",
        submitCalls,
        (answer) => answer.result?.ok === true,
        actionFailure,
      ),
      ...failedAfterRestart(
        "decision",
        decisionCalls,
        (answer) => answer.result?.ok === true,
        actionFailure,
      ),
      ...failedAfterRestart(
        "lookup",
        lookupCalls,
        (status) => status === 200,
        (status) => `HTTP ${status}`,
      ),
    ];
    const submitted = new Set(
      (
        await cluster.db.accessRequest.findMany({
          where: { accountId: submitTo.id },
          select: { requesterId: true },
        })
      ).map((row) => row.requesterId),
    );
    const acknowledgedSubmit = submits.map(
      (answer) => answer.result?.ok === true && answer.result.data.outcome === "created",
    );
    const approved = new Set(
      (
        await cluster.db.accessRequest.findMany({
          where: { accountId: decideIn.id, status: "APPROVED" },
          select: { id: true },
        })
      ).map((row) => row.id),
    );
    const acknowledgedDecision = decisions.map((answer) => answer.result?.ok === true);
    const figures = {
      submits: submits.length,
      "submits acknowledged": acknowledgedSubmit.filter(Boolean).length,
      "submits persisted": submitted.size,
      "acknowledged but lost": acknowledgedSubmit.filter(
        (ack, i) => ack && !submitted.has(submitters[i]!.id),
      ).length,
      "persisted but not acknowledged": acknowledgedSubmit.filter(
        (ack, i) => !ack && submitted.has(submitters[i]!.id),
      ).length,
      decisions: decisions.length,
      "decisions acknowledged": acknowledgedDecision.filter(Boolean).length,
      "decisions persisted": approved.size,
      "decisions acknowledged but lost": acknowledgedDecision.filter(
        (ack, i) => ack && !approved.has(requestIds[i]!),
      ).length,
      "decisions persisted but not acknowledged": acknowledgedDecision.filter(
        (ack, i) => !ack && approved.has(requestIds[i]!),
      ).length,
      "lookups answered 200": lookupCalls.filter((call) => call.answer === 200).length,
      "lookups failed": lookupCalls.filter((call) => call.answer !== 200).length,
      "calls made ≥ 1 s after the start": [submitCalls, decisionCalls, lookupCalls]
        .flat()
        .filter((call) => call.at >= window.startedAt + 1_000).length,
      "of which failed": failuresAfterRestart.length,
    };

    const during = health.filter((h) => h.at > window.stoppedAt + 1_000 && h.at < window.startedAt);
    const after = health.filter((h) => h.at > window.startedAt);
    const recoveredAt = after.find((h) => h.status === 200)?.at;
    const outageEnded = [...after].reverse().find((h) => h.status !== 200)?.at;

    // Every email the committed changes queued is delivered, once.
    const emails = await deliveries(cluster, {}, 90_000);
    printFigures("postgres restart", {
      ...figures,
      "health before": health.filter((h) => h.at < window.stoppedAt).every((h) => h.status === 200)
        ? "200"
        : "not all 200",
      "health during": [...new Set(during.map((h) => h.status))].join("/"),
      "health 200 again after start (ms)":
        recoveredAt === undefined ? "never" : recoveredAt - window.startedAt,
      "last non-200 after start (ms)":
        outageEnded === undefined ? "none" : outageEnded - window.startedAt,
      "emails expected": emails.expected,
      delivered: emails.delivered,
      duplicated: emails.duplicated,
      failed: emails.failed,
      "server trouble": cluster.trouble().length,
    });

    expect(cluster.trouble()).toEqual([]);
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((h) => h.status === 503)).toBe(true);
    expect(recoveredAt).toBeDefined();
    expect(failuresAfterRestart).toEqual([]);
    expect(figures["acknowledged but lost"]).toBe(0);
    expect(figures["persisted but not acknowledged"]).toBe(0);
    expect(figures["decisions acknowledged but lost"]).toBe(0);
    expect(figures["decisions persisted but not acknowledged"]).toBe(0);
    // The load was really served, not refused throughout.
    expect(
      Math.min(figures["submits acknowledged"], figures["decisions acknowledged"]),
    ).toBeGreaterThan(0);
    expect(emails).toEqual({
      expected: emails.expected,
      delivered: emails.expected,
      duplicated: 0,
      failed: 0,
    });
  });
});
