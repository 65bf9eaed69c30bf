import { defineMutation } from "@/lib/actions/mutation";
import { isAccountAdmin } from "@/lib/admin/authority";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { localTargetsAllowed, urlProblem } from "./address-guard";
import { registerEndpointSchema } from "./schema";
import { newWebhookSecret } from "./signing";

/**
 * An administrator of an account registers an endpoint for its events. The signing secret is
 * returned this once (the page shows it to copy); rotating gives a new one.
 */
export const registerWebhookEndpoint = defineMutation({
  name: "webhooks.registerEndpoint",
  input: registerEndpointSchema,
  async run({ actor, input, tx }) {
    if (!(await isAccountAdmin(tx, actor.id, input.accountId)))
      throw new AppError("NOT_FOUND", "No such account");
    const problem = urlProblem(input.url, localTargetsAllowed());
    if (problem)
      throw new AppError("VALIDATION", "Invalid endpoint URL", { fieldErrors: { url: problem } });
    const secret = newWebhookSecret();
    const endpoint = await tx.webhookEndpoint.create({
      data: {
        accountId: input.accountId,
        url: input.url,
        description: input.description,
        events: input.events,
        secret,
        createdById: actor.id,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "webhook.registered",
      subjectType: "WebhookEndpoint",
      subjectId: endpoint.id,
      after: { accountId: input.accountId, url: input.url, events: input.events },
    });
    return { id: endpoint.id, secret };
  },
});
