"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions/run-action";
import { deleteWebhookEndpoint } from "@/lib/webhooks/delete-endpoint";
import { registerWebhookEndpoint } from "@/lib/webhooks/register-endpoint";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-secret";
import { sendWebhookTestEvent } from "@/lib/webhooks/send-test-event";
import { setWebhookEndpointEnabled } from "@/lib/webhooks/set-endpoint-enabled";

// Thin by design: the mutations parse, authorize against the database and change state.

export async function registerEndpointAction(input: {
  accountId: string;
  url: string;
  events: string[];
  description: string;
}) {
  const result = await runAction(registerWebhookEndpoint, input);
  revalidatePath("/admin/webhooks");
  return result;
}

export async function rotateSecretAction(endpointId: string) {
  return runAction(rotateWebhookSecret, { endpointId });
}

export async function setEndpointEnabledAction(endpointId: string, enabled: boolean) {
  const result = await runAction(setWebhookEndpointEnabled, { endpointId, enabled });
  revalidatePath("/admin/webhooks", "layout");
  return result;
}

export async function deleteEndpointAction(endpointId: string) {
  const result = await runAction(deleteWebhookEndpoint, { endpointId });
  revalidatePath("/admin/webhooks");
  return result;
}

export async function sendTestEventAction(endpointId: string) {
  const result = await runAction(sendWebhookTestEvent, { endpointId });
  revalidatePath("/admin/webhooks", "layout");
  return result;
}
