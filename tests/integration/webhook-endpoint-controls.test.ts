import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { deleteWebhookEndpoint } from "@/lib/webhooks/delete-endpoint";
import { getDeliveryLog } from "@/lib/webhooks/delivery-log";
import { setWebhookEndpointEnabled } from "@/lib/webhooks/set-endpoint-enabled";
import { deliverDueWebhooks } from "@/lib/webhooks/worker";
import { createAccountWithEndpoint, webhookBed } from "./webhook-bed";

/** Issue 26, point 4: disabling or deleting an endpoint stops its deliveries. */
const bed = webhookBed();

const accountWithEndpoint = (url = bed.receiver.url) => createAccountWithEndpoint(url);

const queue = (endpointId: string, count: number) =>
  db.webhookDelivery.createMany({
    data: Array.from({ length: count }, (_, n) => ({
      endpointId,
      eventType: "request.denied",
      payload: { type: "request.denied", data: { n } },
    })),
  });

describe("disabling or deleting a webhook endpoint", () => {
  it("disabling cancels its waiting deliveries: none is posted, the log shows them cancelled, enabling again does not revive them", async () => {
    const { admin, endpoint } = await accountWithEndpoint();
    await queue(endpoint.id, 3);
    await setWebhookEndpointEnabled.execute(admin, { endpointId: endpoint.id, enabled: false });
    expect(await deliverDueWebhooks(bed.worker)).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    expect(bed.receiver.received).toEqual([]);
    const log = await getDeliveryLog(admin, endpoint.id, {});
    if (!log) throw new Error("the administrator sees the delivery log");
    expect(log.deliveries.map((delivery) => delivery.status)).toEqual(Array(3).fill("CANCELLED"));
    expect(
      await db.auditEvent.findFirstOrThrow({
        where: { subjectId: endpoint.id, action: "webhook.disabled" },
        select: { after: true },
      }),
    ).toEqual({ after: { disabled: true, cancelledDeliveries: 3 } });

    await setWebhookEndpointEnabled.execute(admin, { endpointId: endpoint.id, enabled: true });
    expect(await deliverDueWebhooks(bed.worker)).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    expect(bed.receiver.received).toEqual([]);
  });

  it("a disabled endpoint's deliveries are never claimed, however they came to be waiting", async () => {
    const { endpoint } = await accountWithEndpoint();
    await queue(endpoint.id, 2);
    await db.webhookEndpoint.update({
      where: { id: endpoint.id },
      data: { disabledAt: new Date(), disabledReason: "administrator" },
    });
    expect(await deliverDueWebhooks(bed.worker)).toEqual({ delivered: 0, retrying: 0, failed: 0 });
    expect(bed.receiver.received).toEqual([]);
  });

  it("deleting stops its deliveries, and a worker posting one at that moment records the rest of its batch", async () => {
    // A receiver that holds each request until told to answer.
    const held: http.ServerResponse[] = [];
    const slow = http.createServer((request, response) => {
      request.resume();
      held.push(response);
    });
    await new Promise<void>((resolve) => slow.listen(0, "127.0.0.1", resolve));
    const slowUrl = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/hooks`;
    try {
      const deleted = await accountWithEndpoint(slowUrl);
      const kept = await accountWithEndpoint();
      await queue(deleted.endpoint.id, 2);
      await queue(kept.endpoint.id, 1);
      const pass = deliverDueWebhooks({ ...bed.worker, perEndpoint: 1 });
      await expect.poll(() => held.length).toBe(1);
      const result = await deleteWebhookEndpoint.execute(deleted.admin, {
        endpointId: deleted.endpoint.id,
      });
      expect(result).toEqual({ deleted: true });
      held[0]!.writeHead(204).end();
      expect(await pass).toEqual({ delivered: 1, retrying: 0, failed: 0 });
      expect(await deliverDueWebhooks(bed.worker)).toEqual({
        delivered: 0,
        retrying: 0,
        failed: 0,
      });
      expect(held).toHaveLength(1);
      expect(await db.webhookDelivery.count({ where: { endpointId: deleted.endpoint.id } })).toBe(
        0,
      );
      expect(
        await db.webhookDelivery.findMany({
          where: { endpointId: kept.endpoint.id },
          select: { status: true, _count: { select: { tries: true } } },
        }),
      ).toEqual([{ status: "DELIVERED", _count: { tries: 1 } }]);
      expect(
        await db.auditEvent.findFirstOrThrow({
          where: { subjectId: deleted.endpoint.id, action: "webhook.deleted" },
          select: { after: true },
        }),
      ).toEqual({ after: { cancelledDeliveries: 2 } });
    } finally {
      slow.closeAllConnections();
      slow.close();
    }
  });
});
