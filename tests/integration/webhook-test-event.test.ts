import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { getDeliveryLog } from "@/lib/webhooks/delivery-log";
import { pingEventData, webhookPayload } from "@/lib/webhooks/events";
import { sendWebhookTestEvent } from "@/lib/webhooks/send-test-event";
import { setWebhookEndpointEnabled } from "@/lib/webhooks/set-endpoint-enabled";
import { deliverDueWebhooks } from "@/lib/webhooks/worker";
import { appErrorOf } from "./app-error-of";
import { createAccountWithEndpoint, webhookBed } from "./webhook-bed";

/** Issue 26: "Send test event" on a webhook endpoint, as GitHub's ping. */
const bed = webhookBed();

const accountWithEndpoint = (url = bed.receiver.url) => createAccountWithEndpoint(url);

describe("send test event", () => {
  it("an administrator sends a signed ping through the normal delivery path; it is in the log like any other", async () => {
    const { admin, account, endpoint } = await accountWithEndpoint();
    const { deliveryId } = await sendWebhookTestEvent.execute(admin, { endpointId: endpoint.id });
    // One waiting ping at a time.
    expect(
      await appErrorOf(sendWebhookTestEvent.execute(admin, { endpointId: endpoint.id })),
    ).toMatchObject({ code: "CONFLICT", details: { fieldErrors: { _form: "testPending" } } });

    expect(await deliverDueWebhooks(bed.worker)).toEqual({ delivered: 1, retrying: 0, failed: 0 });
    const [received] = bed.receiver.received;
    expect(received!.headers["webhook-id"]).toBe(deliveryId);
    const ping = webhookPayload("ping", pingEventData).parse(
      new Webhook(endpoint.secret).verify(received!.body, received!.headers),
    );
    expect(ping.data).toEqual({
      endpointId: endpoint.id,
      accountId: account.id,
      accountName: account.name,
    });
    const log = await getDeliveryLog(admin, endpoint.id, {});
    if (!log) throw new Error("the administrator sees the delivery log");
    expect(log.deliveries.map((d) => [d.id, d.eventType, d.status, d.tries.length])).toEqual([
      [deliveryId, "ping", "DELIVERED", 1],
    ]);
    expect(
      await db.auditEvent.count({
        where: { actorId: admin.id, subjectId: endpoint.id, action: "webhook.testSent" },
      }),
    ).toBe(1);
    // Delivered: another may be sent.
    await sendWebhookTestEvent.execute(admin, { endpointId: endpoint.id });
  });

  it("is refused to a member who is not an administrator, and for a disabled endpoint", async () => {
    const { admin, member, endpoint } = await accountWithEndpoint();
    expect(
      await appErrorOf(sendWebhookTestEvent.execute(member, { endpointId: endpoint.id })),
    ).toMatchObject({ code: "NOT_FOUND" });
    await setWebhookEndpointEnabled.execute(admin, { endpointId: endpoint.id, enabled: false });
    expect(
      await appErrorOf(sendWebhookTestEvent.execute(admin, { endpointId: endpoint.id })),
    ).toMatchObject({
      code: "CONFLICT",
      details: { fieldErrors: { _form: "testEndpointDisabled" } },
    });
    expect(await db.webhookDelivery.count()).toBe(0);
  });
});
