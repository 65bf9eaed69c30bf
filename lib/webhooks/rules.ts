/*
 * What the webhook form checks before sending, in plain code so that the browser does not download
 * zod; the zod schemas (schema.ts) are built from the same constants and stay the authority.
 */

/** Every event an endpoint can subscribe to. The membership events are sent by membership changes. */
export const webhookEvents = [
  "request.created",
  "request.approved",
  "request.denied",
  "request.withdrawn",
  "request.expired",
  "membership.changed",
  "membership.removed",
] as const;

export type WebhookEvent = (typeof webhookEvents)[number];

export const WEBHOOK_URL_LENGTH = { max: 2000 } as const;
export const WEBHOOK_DESCRIPTION_LENGTH = { max: 200 } as const;

/** How long a rotated secret still signs deliveries beside the new one, so receivers can switch over. */
export const SECRET_OVERLAP_HOURS = 24;
/** Every attempt failing for this long disables the endpoint (and a delivery stops being retried). */
export const FAILING_DISABLES_AFTER_HOURS = 24;
/** A receiver must answer within this, or the attempt fails. */
export const DELIVERY_TIMEOUT_MS = 5_000;
/**
 * Deliveries of one endpoint in flight at once, across every worker: a slow or unreachable
 * receiver holds at most this many of the workers' slots, and is not flooded when it comes back.
 */
export const ENDPOINT_CONCURRENCY = 10;
