import { defineMutation } from "@/lib/actions/mutation";
import { recordAudit } from "@/lib/audit/record";
import { HOUR_MS } from "@/lib/time";
import { endpointOfAdmin } from "./authority";
import { SECRET_OVERLAP_HOURS } from "./rules";
import { endpointIdSchema } from "./schema";
import { newWebhookSecret } from "./signing";

/**
 * A new signing secret, returned this once. For SECRET_OVERLAP_HOURS deliveries carry a signature
 * with each secret, so the receiver can switch to the new one without refusing any delivery.
 */
export const rotateWebhookSecret = defineMutation({
  name: "webhooks.rotateSecret",
  input: endpointIdSchema,
  async run({ actor, input, tx }) {
    await endpointOfAdmin(tx, actor.id, input.endpointId);
    const current = await tx.webhookEndpoint.findUniqueOrThrow({
      where: { id: input.endpointId },
      select: { secret: true },
    });
    const secret = newWebhookSecret();
    const previousSecretExpiresAt = new Date(Date.now() + SECRET_OVERLAP_HOURS * HOUR_MS);
    await tx.webhookEndpoint.update({
      where: { id: input.endpointId },
      data: { secret, previousSecret: current.secret, previousSecretExpiresAt },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "webhook.secretRotated",
      subjectType: "WebhookEndpoint",
      subjectId: input.endpointId,
      after: { previousSecretExpiresAt: previousSecretExpiresAt.toISOString() },
    });
    return { secret, previousSecretExpiresAt };
  },
});
