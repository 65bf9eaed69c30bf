/**
 * Why a delivery attempt failed, as a category: what the delivery log shows and what is stored in
 * `WebhookAttempt.error` and `WebhookDelivery.lastError`. Never the network error itself: its
 * text names hosts, addresses and ports ("connect ECONNREFUSED 10.0.0.7:8443"), which would make
 * the log a port scanner's oracle. The detail goes to the server's log, for operators.
 */
export const deliveryFailures = [
  /** The name's DNS servers did not answer in time. */
  "dns_timeout",
  /** The name does not exist, or has no address, or DNS answered with an error. */
  "dns_failed",
  /** The URL or an address the name resolves to is not a public internet address. */
  "blocked_address",
  /** Nothing listens there: the connection was refused. */
  "refused",
  /** Connecting or the answer took longer than the attempt may take. */
  "timeout",
  /** The TLS handshake failed (certificate, protocol). */
  "tls",
  /** The receiver answered with a status other than 2xx (redirects included). */
  "http_status",
  /** Any other network failure (reset, unreachable …). */
  "network",
] as const;

export type DeliveryFailure = (typeof deliveryFailures)[number];

/**
 * An error whose category is already known where it is thrown: the resolver's (a DNS server's
 * ECONNREFUSED is not a receiver's) and the address guard's. The message is for the server's log.
 */
export class DeliveryFailureError extends Error {
  constructor(
    readonly failure: DeliveryFailure,
    message: string,
  ) {
    super(message);
    this.name = "DeliveryFailureError";
  }
}

const TLS_CODE =
  /^(ERR_TLS_|ERR_SSL_|EPROTO$|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_MISMATCH)/;

/** The category of an error an outbound request ended with (its class or `code`, never its text). */
export function failureOfError(error: unknown): DeliveryFailure {
  if (error instanceof DeliveryFailureError) return error.failure;
  const code = String((error as { code?: unknown } | null)?.code ?? "");
  if (code === "ECONNREFUSED") return "refused";
  if (code === "ETIMEDOUT") return "timeout";
  if (TLS_CODE.test(code)) return "tls";
  return "network";
}

/**
 * What the log shows for a stored error: a category as stored since issue 26, or the category of
 * an older row's raw text (mapped here so that it is never shown as such).
 */
export function shownFailure(stored: string | null): DeliveryFailure | null {
  if (stored === null) return null;
  if ((deliveryFailures as readonly string[]).includes(stored)) return stored as DeliveryFailure;
  if (/^answered \d+/.test(stored)) return "http_status";
  if (stored.startsWith("refused")) return "blocked_address";
  if (/ECONNREFUSED/.test(stored)) return "refused";
  if (/timed out|ETIMEDOUT/i.test(stored)) return "timeout";
  if (/ENOTFOUND|EAI_AGAIN|ENODATA|getaddrinfo/.test(stored)) return "dns_failed";
  if (/TLS|SSL|certificate|EPROTO/i.test(stored)) return "tls";
  return "network";
}
