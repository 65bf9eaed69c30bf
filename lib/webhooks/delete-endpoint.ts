import { defineMutation } from "@/lib/actions/mutation";
import { recordAudit } from "@/lib/audit/record";
import { endpointOfAdmin } from "./authority";
import { endpointIdSchema } from "./schema";

/** An administrator removes an endpoint, its waiting deliveries and its delivery log. */
export const deleteWebhookEndpoint = defineMutation({
  name: "webhooks.deleteEndpoint",
  input: endpointIdSchema,
  async run({ actor, input, tx }) {
    const endpoint = await endpointOfAdmin(tx, actor.id, input.endpointId);
    await tx.webhookEndpoint.delete({ where: { id: input.endpointId } });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "webhook.deleted",
      subjectType: "WebhookEndpoint",
      subjectId: input.endpointId,
      before: { accountId: endpoint.accountId, url: endpoint.url, events: endpoint.events },
    });
    return { deleted: true };
  },
});
