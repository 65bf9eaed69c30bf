import { z } from "zod";
import { WEBHOOK_DESCRIPTION_LENGTH, WEBHOOK_URL_LENGTH, webhookEvents } from "./rules";

/** Messages are catalog keys under integrations.errors. */
const id = z.string().trim().min(1).max(100);

export const registerEndpointSchema = z.object({
  accountId: id,
  url: z.string().trim().min(1, "urlRequired").max(WEBHOOK_URL_LENGTH.max, "urlTooLong"),
  events: z
    .array(z.enum(webhookEvents, { error: "eventInvalid" }))
    .min(1, "eventsRequired")
    .max(webhookEvents.length)
    .transform((events) => [...new Set(events)]),
  description: z
    .string()
    .trim()
    .max(WEBHOOK_DESCRIPTION_LENGTH.max, "descriptionTooLong")
    .optional()
    .transform((text) => text || null),
});

export const endpointIdSchema = z.object({ endpointId: id });
export const endpointEnabledSchema = z.object({ endpointId: id, enabled: z.boolean() });
