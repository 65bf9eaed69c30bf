import { describe, expect, it } from "vitest";
import {
  DeliveryFailureError,
  failureOfError,
  shownFailure,
  type DeliveryFailure,
} from "@/lib/webhooks/delivery-failure";

/** What the delivery log may show of a failed attempt: a category, never a host, address or port. */
const errors: [string, unknown, DeliveryFailure][] = [
  [
    "a refused connection",
    { code: "ECONNREFUSED", message: "connect ECONNREFUSED 10.0.0.7:8443" },
    "refused",
  ],
  ["a connect timeout", { code: "ETIMEDOUT" }, "timeout"],
  ["an expired certificate", { code: "CERT_HAS_EXPIRED" }, "tls"],
  ["a self-signed certificate", { code: "DEPTH_ZERO_SELF_SIGNED_CERT" }, "tls"],
  ["another host's certificate", { code: "ERR_TLS_CERT_ALTNAME_INVALID" }, "tls"],
  ["no TLS at all", { code: "ERR_SSL_WRONG_VERSION_NUMBER" }, "tls"],
  ["a reset", { code: "ECONNRESET" }, "network"],
  ["an unreachable host", { code: "EHOSTUNREACH" }, "network"],
  ["no code", new Error("socket hang up"), "network"],
  ["nothing", null, "network"],
  ["the resolver's timeout", new DeliveryFailureError("dns_timeout", "x"), "dns_timeout"],
  ["the guard's refusal", new DeliveryFailureError("blocked_address", "x"), "blocked_address"],
];

/** Rows written before categories were stored: mapped when read, never shown as they are. */
const legacy: [string, DeliveryFailure][] = [
  ["answered 503", "http_status"],
  ["refused: hooks.example.com resolves to 10.0.0.1, not a public address", "blocked_address"],
  ["connect ECONNREFUSED 127.0.0.1:9", "refused"],
  ["timed out after 5000 ms", "timeout"],
  ["getaddrinfo ENOTFOUND hooks.example.com", "dns_failed"],
  ["getaddrinfo EAI_AGAIN hooks.example.com", "dns_failed"],
  ["self-signed certificate in certificate chain", "tls"],
  ["socket hang up", "network"],
  ["dns_timeout", "dns_timeout"],
  ["http_status", "http_status"],
];

describe("a failed webhook attempt as the delivery log shows it", () => {
  it.each(errors)("%s: %s", (_, error, expected) => {
    expect(failureOfError(error)).toBe(expected);
  });

  it.each(legacy)("a stored %j is shown as %s", (stored, expected) => {
    expect(shownFailure(stored)).toBe(expected);
  });

  it("no error, no failure", () => {
    expect(shownFailure(null)).toBeNull();
  });
});
