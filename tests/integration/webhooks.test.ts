import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { approveRequest, denyRequest } from "@/lib/admin/approve-or-deny";
import { db } from "@/lib/db/client";
import { getDeliveryLog } from "@/lib/webhooks/delivery-log";
import { expireOverdueRequests } from "@/lib/requests/sweep";
import { submitRequest } from "@/lib/requests/submit-request";
import { withdrawRequest } from "@/lib/requests/withdraw-request";
import { requestEventData, webhookPayload } from "@/lib/webhooks/events";
import { registerWebhookEndpoint } from "@/lib/webhooks/register-endpoint";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-secret";
import { deliverDueWebhooks } from "@/lib/webhooks/worker";
import { webhookEvents } from "@/lib/webhooks/rules";
import { actorOf, createAccount, createRequest, createUser, uniqueDomain } from "../factories";
import { webhookBed } from "./webhook-bed";

const bed = webhookBed();
const HOUR = 3600_000;

/** An account, its administrator, and an endpoint of the account for every event (the secret as shown once). */
async function accountWithEndpoint(events: readonly string[] = webhookEvents) {
  const admin = actorOf(await createUser({ firstName: "Alice", lastName: "Admin" }));
  const domain = uniqueDomain();
  const account = await createAccount({
    domains: [domain],
    members: [{ userId: admin.id, role: "ADMIN" }],
  });
  const endpoint = await registerWebhookEndpoint.execute(admin, {
    accountId: account.id,
    url: bed.receiver.url,
    events,
  });
  return { admin, account, domain, endpoint };
}

const verify = (secret: string, received = bed.receiver.received) =>
  received.map(
    (delivery) =>
      new Webhook(secret).verify(delivery.body, delivery.headers) as {
        type: string;
        data: Record<string, unknown>;
      },
  );

describe("webhooks", () => {
  it("delivers every request event of the account, signed per Standard Webhooks (verified by the reference library)", async () => {
    const { admin, account, domain, endpoint } = await accountWithEndpoint();
    const requester = actorOf(await createUser());
    const submitted = await submitRequest.execute(requester, {
      accountId: account.id,
      domain,
      reason: "I manage our licences here.",
    });
    if (submitted.outcome !== "created") throw new Error(submitted.outcome);
    await approveRequest.execute(admin, { requestId: submitted.requestId, role: "VIEWER" });
    const second = actorOf(await createUser());
    const denied = await createRequest({ accountId: account.id, requesterId: second.id });
    await denyRequest.execute(admin, { requestId: denied.id, reason: "No" });
    const third = actorOf(await createUser());
    const withdrawn = await createRequest({ accountId: account.id, requesterId: third.id });
    await withdrawRequest.execute(third, { requestId: withdrawn.id });
    const overdue = await createRequest({
      accountId: account.id,
      expiresAt: new Date(Date.now() - 1000),
    });
    await expireOverdueRequests(db);

    expect(await deliverDueWebhooks(bed.worker)).toEqual({ delivered: 5, retrying: 0, failed: 0 });
    const payloads = verify(endpoint.secret);
    expect(payloads.map((p) => [p.type, p.data.requestId]).sort()).toEqual(
      [
        ["request.created", submitted.requestId],
        ["request.approved", submitted.requestId],
        ["request.denied", denied.id],
        ["request.withdrawn", withdrawn.id],
        ["request.expired", overdue.id],
      ].sort(),
    );
    const approved = payloads.find((p) => p.type === "request.approved")!;
    expect(webhookPayload("request.approved", requestEventData).parse(approved)).toMatchObject({
      data: {
        accountId: account.id,
        status: "APPROVED",
        requesterEmail: requester.email,
        grantedRole: "VIEWER",
        decidedByEmail: admin.email,
      },
    });
    // Each delivery's webhook-id is its row's id, the same on every attempt.
    const rows = await db.webhookDelivery.findMany({ select: { id: true, status: true } });
    expect(rows.every((row) => row.status === "DELIVERED")).toBe(true);
    expect(bed.receiver.received.map((d) => d.headers["webhook-id"]).sort()).toEqual(
      rows.map((row) => row.id).sort(),
    );
  });

  it("each delivery's id (its webhook-id) is a UUIDv7 of when it was queued, like every id of the app", async () => {
    const { admin, account, domain } = await accountWithEndpoint();
    const queuedFrom = Date.now();
    const requester = actorOf(await createUser());
    // The submit's own statement, a decision's transaction, and a membership change: each way a
    // delivery is written.
    const submitted = await submitRequest.execute(requester, {
      accountId: account.id,
      domain,
      reason: "I manage our licences here.",
    });
    if (submitted.outcome !== "created") throw new Error(submitted.outcome);
    await denyRequest.execute(admin, { requestId: submitted.requestId, reason: "No" });
    const { emitMembershipEvent } = await import("@/lib/webhooks/emit");
    const membership = await db.membership.findFirstOrThrow({ where: { userId: admin.id } });
    await db.$transaction((tx) =>
      emitMembershipEvent(tx, "membership.changed", membership.id, {
        previousRole: "USER",
        changedById: admin.id,
      }),
    );
    const queuedUntil = Date.now();
    const rows = await db.webhookDelivery.findMany({ select: { id: true, eventType: true } });
    expect(rows.map((row) => row.eventType).sort()).toEqual([
      "membership.changed",
      "request.created",
      "request.denied",
    ]);
    for (const { id } of rows) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      // The first 48 bits: the Unix time in milliseconds (the database's clock, this machine's).
      const at = parseInt(id.replace(/-/g, "").slice(0, 12), 16);
      expect(at).toBeGreaterThanOrEqual(queuedFrom - 1000);
      expect(at).toBeLessThanOrEqual(queuedUntil + 1000);
    }
  });

  it("a signature made with another secret is refused by the reference library", async () => {
    const { account } = await accountWithEndpoint();
    await createRequest({ accountId: account.id });
    const other = await accountWithEndpoint();
    await db.webhookDelivery.create({
      data: {
        endpointId: (
          await db.webhookEndpoint.findFirstOrThrow({ where: { accountId: account.id } })
        ).id,
        eventType: "request.created",
        payload: { type: "request.created" },
      },
    });
    await deliverDueWebhooks(bed.worker);
    expect(() => verify(other.endpoint.secret)).toThrow();
  });

  it("queues an event only for subscribed, enabled endpoints, in the change's transaction", async () => {
    const { admin, account } = await accountWithEndpoint(["request.denied"]);
    const request = await createRequest({ accountId: account.id });
    await approveRequest.execute(admin, { requestId: request.id });
    expect(await db.webhookDelivery.count()).toBe(0);
    const rolledBack = await createRequest({ accountId: account.id });
    await expect(
      db.$transaction(async (tx) => {
        await tx.accessRequest.update({ where: { id: rolledBack.id }, data: { status: "DENIED" } });
        const { emitRequestEvent } = await import("@/lib/webhooks/emit");
        await emitRequestEvent(tx, "request.denied", rolledBack.id);
        throw new Error("the change fails");
      }),
    ).rejects.toThrow("the change fails");
    expect(await db.webhookDelivery.count()).toBe(0);
    await db.webhookEndpoint.updateMany({
      where: { accountId: account.id },
      data: { disabledAt: new Date() },
    });
    await denyRequest.execute(admin, { requestId: rolledBack.id });
    expect(await db.webhookDelivery.count()).toBe(0);
  });

  it("retries after a receiver outage with backoff, records every attempt, and delivers once the receiver is back", async () => {
    const { account, endpoint } = await accountWithEndpoint();
    await createRequest({ accountId: account.id });
    await db.webhookDelivery.create({
      data: {
        endpointId: (
          await db.webhookEndpoint.findFirstOrThrow({ where: { accountId: account.id } })
        ).id,
        eventType: "request.created",
        payload: { type: "request.created", data: {} },
      },
    });
    bed.receiver.failNext(2, 503);
    expect(await deliverDueWebhooks(bed.worker)).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    const waiting = await db.webhookDelivery.findFirstOrThrow();
    expect(waiting).toMatchObject({ status: "QUEUED", attempts: 1, lastError: "http_status" });
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 5_000);
    expect(await deliverDueWebhooks(bed.worker)).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    for (const expected of [
      { retrying: 1, delivered: 0 },
      { retrying: 0, delivered: 1 },
    ]) {
      await db.webhookDelivery.updateMany({ data: { nextAttemptAt: new Date() } });
      expect(await deliverDueWebhooks(bed.worker)).toMatchObject(expected);
    }
    const attempts = await db.webhookAttempt.findMany({ orderBy: { id: "asc" } });
    expect(attempts.map((a) => a.statusCode)).toEqual([503, 503, 204]);
    expect(attempts.every((a) => a.durationMs >= 0)).toBe(true);
    expect(verify(endpoint.secret)).toHaveLength(1);
    expect((await db.webhookEndpoint.findFirstOrThrow()).failingSince).toBeNull();
  });

  it("a receiver that is down (connection refused) is retried like one that answers 5xx, and its log says 'refused' without the address or port", async () => {
    const { admin, account } = await accountWithEndpoint();
    const endpointId = (
      await db.webhookEndpoint.findFirstOrThrow({ where: { accountId: account.id } })
    ).id;
    await db.webhookEndpoint.update({
      where: { id: endpointId },
      data: { url: "http://127.0.0.1:9/hooks" },
    });
    await db.webhookDelivery.create({
      data: { endpointId, eventType: "request.created", payload: {} },
    });
    expect(await deliverDueWebhooks(bed.worker)).toEqual({ delivered: 0, retrying: 1, failed: 0 });
    expect(
      (await db.webhookAttempt.findFirstOrThrow({ where: { delivery: { endpointId } } })).error,
    ).toBe("refused");
    const log = await getDeliveryLog(admin, endpointId, {});
    if (!log) throw new Error("the administrator sees the delivery log");
    expect(log.deliveries[0]!.tries.map((attempt) => attempt.failure)).toEqual(["refused"]);
    expect(JSON.stringify(log.deliveries)).not.toMatch(/127\.0\.0\.1|:9\b|ECONNREFUSED/);
  });

  it("disables an endpoint that failed for a day, ends its deliveries, audits it and emails its administrators", async () => {
    const { admin, account } = await accountWithEndpoint();
    const endpoint = await db.webhookEndpoint.findFirstOrThrow({
      where: { accountId: account.id },
    });
    await db.webhookDelivery.create({
      data: { endpointId: endpoint.id, eventType: "request.created", payload: {} },
    });
    bed.receiver.failNext(10, 500);
    const start = Date.now();
    await deliverDueWebhooks({ ...bed.worker, now: () => new Date(start) });
    expect(
      (await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).failingSince,
    ).toEqual(new Date(start));
    await db.webhookDelivery.updateMany({ data: { nextAttemptAt: new Date() } });
    await deliverDueWebhooks({ ...bed.worker, now: () => new Date(start + 23 * HOUR) });
    expect(
      (await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).disabledAt,
    ).toBeNull();

    await db.webhookDelivery.create({
      data: { endpointId: endpoint.id, eventType: "request.denied", payload: {} },
    });
    await db.webhookDelivery.updateMany({ data: { nextAttemptAt: new Date() } });
    const dayLater = new Date(start + 24 * HOUR + 1000);
    await deliverDueWebhooks({ ...bed.worker, now: () => dayLater });
    expect(
      await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } }),
    ).toMatchObject({ disabledAt: dayLater, disabledReason: "failing" });
    expect(
      await db.webhookDelivery.count({ where: { endpointId: endpoint.id, status: "QUEUED" } }),
    ).toBe(0);
    const email = await db.emailMessage.findFirstOrThrow({
      where: { to: admin.email, template: "webhook-disabled" },
    });
    expect(email.payload).toMatchObject({
      accountName: account.name,
      endpointUrl: bed.receiver.url,
      hours: 24,
    });
    expect(
      await db.auditEvent.count({ where: { subjectId: endpoint.id, action: "webhook.disabled" } }),
    ).toBe(1);
    // Disabled: no new deliveries are queued for it.
    await denyRequest.execute(admin, {
      requestId: (await createRequest({ accountId: account.id })).id,
    });
    expect(
      await db.webhookDelivery.count({ where: { endpointId: endpoint.id, status: "QUEUED" } }),
    ).toBe(0);
  });

  it("an endpoint that answers again starts its failing streak over", async () => {
    const { account } = await accountWithEndpoint();
    const endpoint = await db.webhookEndpoint.findFirstOrThrow({
      where: { accountId: account.id },
    });
    await db.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { failingSince: new Date(Date.now() - 20 * HOUR) },
    });
    await db.webhookDelivery.create({
      data: { endpointId: endpoint.id, eventType: "request.created", payload: {} },
    });
    await deliverDueWebhooks(bed.worker);
    expect(
      (await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } })).failingSince,
    ).toBeNull();
  });

  it("after a secret rotation, each delivery verifies with the new secret and with the old one during the overlap", async () => {
    const { admin, account, endpoint } = await accountWithEndpoint();
    const rotated = await rotateWebhookSecret.execute(admin, { endpointId: endpoint.id });
    expect(rotated.secret).not.toBe(endpoint.secret);
    const request = await createRequest({ accountId: account.id });
    await denyRequest.execute(admin, { requestId: request.id });
    await deliverDueWebhooks(bed.worker);
    expect(verify(rotated.secret)).toHaveLength(1);
    expect(verify(endpoint.secret)).toHaveLength(1);
    expect(bed.receiver.received[0]!.headers["webhook-signature"]!.split(" ")).toHaveLength(2);

    await db.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { previousSecretExpiresAt: new Date(Date.now() - 1000) },
    });
    bed.receiver.received.length = 0;
    await approveRequest.execute(admin, {
      requestId: (await createRequest({ accountId: account.id })).id,
    });
    await deliverDueWebhooks(bed.worker);
    expect(verify(rotated.secret)).toHaveLength(1);
    expect(() => verify(endpoint.secret)).toThrow();
  });

  it("two workers at once deliver each delivery exactly once (SKIP LOCKED claims)", async () => {
    const { account } = await accountWithEndpoint();
    const endpointId = (
      await db.webhookEndpoint.findFirstOrThrow({ where: { accountId: account.id } })
    ).id;
    await db.webhookDelivery.createMany({
      data: Array.from({ length: 60 }, (_, n) => ({
        endpointId,
        eventType: "request.created",
        payload: { n },
      })),
    });
    const reports = await Promise.all([
      deliverDueWebhooks({ ...bed.worker, batchSize: 40, perEndpoint: 100 }),
      deliverDueWebhooks({ ...bed.worker, batchSize: 40, perEndpoint: 100 }),
    ]);
    expect(reports.reduce((sum, report) => sum + report.delivered, 0)).toBe(60);
    const ids = bed.receiver.received.map((d) => d.headers["webhook-id"]);
    expect(new Set(ids).size).toBe(60);
    expect(ids).toHaveLength(60);
  });
});
