import { createHmac, randomBytes } from "node:crypto";

/**
 * Standard Webhooks signatures: `v1,` + base64 HMAC-SHA256 of `${id}.${timestamp}.${body}`, keyed
 * with the base64-decoded part of the endpoint's `whsec_` secret. Several signatures (a rotated
 * secret's overlap) are sent space-separated in one webhook-signature header; a receiver accepts
 * any one that matches.
 */
const SECRET_PREFIX = "whsec_";

export function newWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString("base64")}`;
}

const keyOf = (secret: string) =>
  Buffer.from(
    secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret,
    "base64",
  );

export function signatureOf(
  secret: string,
  id: string,
  timestampSeconds: number,
  body: string,
): string {
  return `v1,${createHmac("sha256", keyOf(secret)).update(`${id}.${timestampSeconds}.${body}`).digest("base64")}`;
}

/** The three headers of one delivery attempt, signed with every secret given. */
export function webhookHeaders(
  secrets: string[],
  id: string,
  timestampSeconds: number,
  body: string,
): Record<string, string> {
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestampSeconds),
    "webhook-signature": secrets
      .map((secret) => signatureOf(secret, id, timestampSeconds, body))
      .join(" "),
  };
}
