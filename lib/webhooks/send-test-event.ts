import { defineMutation } from "@/lib/actions/mutation";
import { recordAudit } from "@/lib/audit/record";
import { lockEndpoint } from "@/lib/db/sql/webhook-delivery";
import { AppError } from "@/lib/errors";
import { endpointOfAdmin } from "./authority";
import { PING_EVENT, pingEventData, webhookPayload } from "./events";
import { endpointIdSchema } from "./schema";

const pingPayload = webhookPayload(PING_EVENT, pingEventData);

/**
 * An administrator of the endpoint's account sends it a `ping` now (the "Send test event" button,
 * as GitHub's ping), to check it without waiting for a real event: a delivery queued as due, which
 * the webhooks job posts on its next pass through the normal path (claim, guard, signature,
 * retries) and the delivery log shows like any other. One waiting ping per endpoint at a time: a
 * second click while one waits is refused, so the button cannot be used to flood a receiver.
 */
export const sendWebhookTestEvent = defineMutation({
  name: "webhooks.sendTestEvent",
  input: endpointIdSchema,
  async run({ actor, input, tx }) {
    const endpoint = await endpointOfAdmin(tx, actor.id, input.endpointId);
    if (endpoint.disabledAt)
      throw new AppError("CONFLICT", "The endpoint is disabled", {
        fieldErrors: { _form: "testEndpointDisabled" },
      });
    // Serializes two clicks at once on the endpoint's row, so that the check below sees the other's ping.
    await lockEndpoint(tx, endpoint.id);
    const waiting = await tx.webhookDelivery.count({
      where: { endpointId: endpoint.id, eventType: PING_EVENT, status: "QUEUED" },
    });
    if (waiting > 0)
      throw new AppError("CONFLICT", "A test event is already waiting", {
        fieldErrors: { _form: "testPending" },
      });
    const payload = pingPayload.parse({
      type: PING_EVENT,
      timestamp: new Date().toISOString(),
      data: {
        endpointId: endpoint.id,
        accountId: endpoint.accountId,
        accountName: endpoint.account.name,
      },
    });
    const delivery = await tx.webhookDelivery.create({
      data: { endpointId: endpoint.id, eventType: PING_EVENT, payload },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "webhook.testSent",
      subjectType: "WebhookEndpoint",
      subjectId: endpoint.id,
      after: { deliveryId: delivery.id },
    });
    return { deliveryId: delivery.id };
  },
});
