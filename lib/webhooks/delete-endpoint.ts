import { defineMutation } from "@/lib/actions/mutation";
import { recordAudit } from "@/lib/audit/record";
import { endpointOfAdmin } from "./authority";
import { cancelQueuedDeliveries } from "./cancel-deliveries";
import { endpointIdSchema } from "./schema";

/**
 * An administrator removes an endpoint, its waiting deliveries (cancelled first: the audit event
 * counts them, and a worker posting one at this moment records nothing of it) and its delivery log.
 */
export const deleteWebhookEndpoint = defineMutation({
  name: "webhooks.deleteEndpoint",
  input: endpointIdSchema,
  async run({ actor, input, tx }) {
    const endpoint = await endpointOfAdmin(tx, actor.id, input.endpointId);
    const cancelled = await cancelQueuedDeliveries(tx, input.endpointId);
    await tx.webhookEndpoint.delete({ where: { id: input.endpointId } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "webhook.deleted",
      subjectType: "WebhookEndpoint",
      subjectId: input.endpointId,
      before: { accountId: endpoint.accountId, url: endpoint.url, events: endpoint.events },
      after: { cancelledDeliveries: cancelled },
    });
    return { deleted: true };
  },
});
