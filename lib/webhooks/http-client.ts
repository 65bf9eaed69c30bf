import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import { logger } from "@/lib/log";
import { assertLiteralAllowed, guardedLookup, urlProblem } from "./address-guard";
import { DeliveryFailureError, failureOfError, type DeliveryFailure } from "./delivery-failure";
import { boundedResolver, type ResolverOptions } from "./resolver";
import { DELIVERY_TIMEOUT_MS } from "./rules";

export interface PostOutcome {
  /** The receiver's status; null when none came (refused, unreachable, timed out). */
  statusCode: number | null;
  /** Why the attempt failed, as a category (./delivery-failure.ts); null when it succeeded. */
  error: DeliveryFailure | null;
  durationMs: number;
}

/** Bytes of a receiver's answer read (then dropped): enough for nothing, bounded for a hostile one. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * Keep-alive agents (a busy endpoint reuses its connections), with the guarded lookup on the
 * bounded resolver. `dns` is for tests only (a DNS server of their own): production passes none.
 */
export function webhookAgents(allowLocal: boolean, dns: ResolverOptions = {}) {
  const options = {
    keepAlive: true,
    maxSockets: 50,
    lookup: guardedLookup(allowLocal, boundedResolver(dns)),
  };
  return { allowLocal, http: new http.Agent(options), https: new https.Agent(options) };
}

export type WebhookAgents = ReturnType<typeof webhookAgents>;

/**
 * POSTs one signed webhook. The one outbound client of the portal: the address guard (URL rules,
 * then every resolved address), one deadline for the whole attempt (resolve, connect, TLS, the
 * answer), and no redirect followed (a 3xx is an answer like any other non-2xx: the attempt
 * failed). A failure is returned as its category; its detail (host, address, port) only goes to
 * the server's log.
 */
export function postWebhook(
  agents: WebhookAgents,
  target: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs = DELIVERY_TIMEOUT_MS,
): Promise<PostOutcome> {
  const started = performance.now();
  const done = (statusCode: number | null, error: DeliveryFailure | null): PostOutcome => ({
    statusCode,
    error,
    durationMs: Math.round(performance.now() - started),
  });
  const failed = (error: unknown): PostOutcome => {
    const failure = failureOfError(error);
    logger.debug({ err: error, webhookFailure: failure }, "webhook attempt failed");
    return done(null, failure);
  };
  return new Promise((resolve) => {
    const problem = urlProblem(target, agents.allowLocal);
    if (problem) return resolve(failed(new DeliveryFailureError("blocked_address", problem)));
    const url = new URL(target);
    try {
      assertLiteralAllowed(url.hostname, agents.allowLocal);
    } catch (error) {
      return resolve(failed(error));
    }
    const client = url.protocol === "https:" ? https : http;
    const request = client.request(url, {
      method: "POST",
      agent: url.protocol === "https:" ? agents.https : agents.http,
      headers: {
        "content-type": "application/json",
        "content-length": Buffer.byteLength(body),
        "user-agent": "smart-account-portal-webhooks/1",
        ...headers,
      },
    });
    // While a new socket waits for its name's addresses, a deadline is DNS's (a kept-alive one has them).
    const byName = isIP(url.hostname.replace(/^\[|\]$/g, "")) === 0;
    let resolving = false;
    request.on("socket", (socket) => {
      if (!byName || !socket.connecting) return;
      resolving = true;
      socket.once("lookup", () => (resolving = false));
    });
    const timer = setTimeout(
      () =>
        request.destroy(
          new DeliveryFailureError(
            resolving ? "dns_timeout" : "timeout",
            `${resolving ? "DNS " : ""}timed out after ${timeoutMs} ms`,
          ),
        ),
      timeoutMs,
    );
    request.on("response", (response) => {
      let read = 0;
      response.on("data", (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_ANSWER_BYTES) response.destroy();
      });
      const finish = () => {
        clearTimeout(timer);
        const status = response.statusCode ?? null;
        resolve(
          done(status, status !== null && status >= 200 && status < 300 ? null : "http_status"),
        );
      };
      response.on("end", finish);
      response.on("close", finish);
    });
    request.on("error", (error) => {
      clearTimeout(timer);
      resolve(failed(error));
    });
    request.end(body);
  });
}
