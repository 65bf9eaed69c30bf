import { defineMutation } from "@/lib/actions/mutation";
import { recordAudit } from "@/lib/audit/record";
import { endpointOfAdmin } from "./authority";
import { cancelQueuedDeliveries } from "./cancel-deliveries";
import { endpointEnabledSchema } from "./schema";

/**
 * An administrator disables an endpoint (no new deliveries are queued for it, and those waiting
 * end as CANCELLED: the delivery log says so, and the worker claims nothing of a disabled endpoint)
 * or enables it again (after fixing the receiver, say): its failing streak starts over, and what
 * was cancelled stays cancelled.
 */
export const setWebhookEndpointEnabled = defineMutation({
  name: "webhooks.setEndpointEnabled",
  input: endpointEnabledSchema,
  async run({ actor, input, tx }) {
    const before = await endpointOfAdmin(tx, actor.id, input.endpointId);
    await tx.webhookEndpoint.update({
      where: { id: input.endpointId },
      data: input.enabled
        ? { disabledAt: null, disabledReason: null, failingSince: null }
        : { disabledAt: new Date(), disabledReason: "administrator" },
    });
    const cancelled = input.enabled ? 0 : await cancelQueuedDeliveries(tx, input.endpointId);
    await recordAudit(tx, {
      actorId: actor.id,
      action: input.enabled ? "webhook.enabled" : "webhook.disabled",
      subjectType: "WebhookEndpoint",
      subjectId: input.endpointId,
      before: { disabled: before.disabledAt !== null },
      after: input.enabled
        ? { disabled: false }
        : { disabled: true, cancelledDeliveries: cancelled },
    });
    return { enabled: input.enabled };
  },
});
