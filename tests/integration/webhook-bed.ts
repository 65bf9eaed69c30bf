import { afterAll, beforeAll, beforeEach } from "vitest";
import { db } from "@/lib/db/client";
import { registerWebhookEndpoint } from "@/lib/webhooks/register-endpoint";
import { webhookAgents } from "@/lib/webhooks/http-client";
import type { WebhookWorkerOptions } from "@/lib/webhooks/worker";
import { actorOf, createAccount, createUser } from "../factories";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

/**
 * For a test file about webhooks: a real HTTP receiver on loopback, worker options that may reach
 * it (the test mode's address guard), and no endpoint or delivery left over from an earlier test.
 */
export function webhookBed(): { receiver: WebhookReceiver; worker: WebhookWorkerOptions } {
  const bed = {} as { receiver: WebhookReceiver; worker: WebhookWorkerOptions };
  beforeAll(async () => {
    bed.receiver = await startWebhookReceiver();
    bed.worker = { db, agents: webhookAgents(true) };
  });
  afterAll(async () => {
    await bed.receiver.stop();
  });
  beforeEach(async () => {
    await db.webhookDelivery.deleteMany();
    await db.webhookEndpoint.deleteMany();
    bed.receiver.received.length = 0;
    bed.receiver.failNext(0);
  });
  return bed;
}

/**
 * An account with an administrator and a USER member, and an endpoint the administrator registered
 * through the use case (its secret made as in the UI), subscribed to `events`.
 */
export async function createAccountWithEndpoint(
  url: string,
  events: string[] = ["request.denied"],
) {
  const admin = actorOf(await createUser());
  const member = actorOf(await createUser());
  const account = await createAccount({
    admins: [{ userId: admin.id }],
    members: [{ userId: member.id, role: "USER" }],
  });
  const endpoint = await registerWebhookEndpoint.execute(admin, {
    accountId: account.id,
    url,
    events,
  });
  return { admin, member, account, endpoint };
}
