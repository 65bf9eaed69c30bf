import http from "node:http";
import https from "node:https";
import {
  assertLiteralAllowed,
  guardedLookup,
  urlProblem,
  RefusedTargetError,
} from "./address-guard";
import { DELIVERY_TIMEOUT_MS } from "./rules";

export interface PostOutcome {
  /** The receiver's status; null when none came (refused, unreachable, timed out). */
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/** Bytes of a receiver's answer read (then dropped): enough for nothing, bounded for a hostile one. */
const MAX_ANSWER_BYTES = 64 * 1024;

/** Keep-alive agents (a busy endpoint reuses its connections), with the guarded lookup. */
export function webhookAgents(allowLocal: boolean) {
  const options = { keepAlive: true, maxSockets: 50, lookup: guardedLookup(allowLocal) };
  return { allowLocal, http: new http.Agent(options), https: new https.Agent(options) };
}

export type WebhookAgents = ReturnType<typeof webhookAgents>;

/**
 * POSTs one signed webhook. The one outbound client of the portal: the address guard (URL rules,
 * then every resolved address), a whole-exchange timeout, and no redirect followed (a 3xx is an
 * answer like any other non-2xx: the attempt failed).
 */
export function postWebhook(
  agents: WebhookAgents,
  target: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs = DELIVERY_TIMEOUT_MS,
): Promise<PostOutcome> {
  const started = performance.now();
  const done = (statusCode: number | null, error: string | null): PostOutcome => ({
    statusCode,
    error,
    durationMs: Math.round(performance.now() - started),
  });
  return new Promise((resolve) => {
    const problem = urlProblem(target, agents.allowLocal);
    if (problem) return resolve(done(null, `refused: ${problem}`));
    const url = new URL(target);
    try {
      assertLiteralAllowed(url.hostname, agents.allowLocal);
    } catch (error) {
      return resolve(done(null, (error as Error).message));
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
    const timer = setTimeout(
      () => request.destroy(new Error(`timed out after ${timeoutMs} ms`)),
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
          done(
            status,
            status !== null && status >= 200 && status < 300 ? null : `answered ${status}`,
          ),
        );
      };
      response.on("end", finish);
      response.on("close", finish);
    });
    request.on("error", (error) => {
      clearTimeout(timer);
      resolve(
        done(
          null,
          error instanceof RefusedTargetError
            ? error.message
            : String(error.message || error).slice(0, 500),
        ),
      );
    });
    request.end(body);
  });
}
