import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  guardedLookup,
  isPublicAddress,
  RefusedTargetError,
  urlProblem,
} from "@/lib/webhooks/address-guard";
import { failureOfError } from "@/lib/webhooks/delivery-failure";
import type { HostResolver } from "@/lib/webhooks/resolver";
import { postWebhook, webhookAgents } from "@/lib/webhooks/http-client";
import { startWebhookReceiver, type WebhookReceiver } from "../support/webhook-receiver";

/**
 * The outbound guard as production runs it (local receivers not allowed): a real receiver listens
 * on loopback, and nothing may reach it, whatever the URL says.
 */
let receiver: WebhookReceiver;
const production = webhookAgents(false);

beforeAll(async () => {
  receiver = await startWebhookReceiver();
});

afterAll(async () => {
  await receiver.stop();
});

describe("the webhook address guard in production", () => {
  it("refuses loopback, private, link-local and other special addresses, and only those", () => {
    const refused = [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.1.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "::1",
      "fe80::1",
      "fc00::1",
      "::ffff:127.0.0.1",
      "224.0.0.1",
      "not-an-ip",
    ];
    expect(refused.filter(isPublicAddress)).toEqual([]);
    expect(["93.184.215.14", "2606:4700::6810:84e5", "8.8.8.8"].every(isPublicAddress)).toBe(true);
  });

  it("refuses http, credentials, local names and private literals when the URL is registered", () => {
    expect(urlProblem("http://hooks.example.com/x", false)).toBe("urlNotHttps");
    expect(urlProblem("https://user:pw@hooks.example.com/x", false)).toBe("urlInvalid");
    expect(urlProblem("ftp://hooks.example.com/x", false)).toBe("urlInvalid");
    expect(urlProblem("https://localhost/x", false)).toBe("urlNotPublic");
    expect(urlProblem("https://10.0.0.8/x", false)).toBe("urlNotPublic");
    expect(urlProblem("https://[::1]/x", false)).toBe("urlNotPublic");
    expect(urlProblem("https://hooks.example.com/x", false)).toBeNull();
    // Demo mode and tests: a local http receiver is fine.
    expect(urlProblem("http://127.0.0.1:4000/x", true)).toBeNull();
  });

  it("never connects to the loopback receiver, by address, by a name that resolves to it, or over https", async () => {
    const port = new URL(receiver.url).port;
    const outcomes = await Promise.all(
      [
        receiver.url,
        `https://127.0.0.1:${port}/hooks`,
        `https://localhost:${port}/hooks`,
        `https://[::ffff:127.0.0.1]:${port}/hooks`,
        `https://10.255.255.1/hooks`,
        `https://[::127.0.0.1]:${port}/hooks`,
        `https://[::7f00:1]:${port}/hooks`,
        `https://2130706433:${port}/hooks`,
        `https://0177.0.0.1:${port}/hooks`,
        `https://0x7f.1:${port}/hooks`,
        `https://[64:ff9b::7f00:1]:${port}/hooks`,
        `https://0.0.0.0:${port}/hooks`,
      ].map((url) => postWebhook(production, url, "{}", {})),
    );
    expect(outcomes.map((outcome) => [outcome.statusCode, outcome.error])).toEqual(
      Array(12).fill([null, "blocked_address"]),
    );
    expect(receiver.received).toEqual([]);
  });

  it("the guarded lookup refuses a hostname resolving to loopback after DNS", async () => {
    // A DNS answer as a rebinding server would give it: a public address, then loopback.
    const rebinding: HostResolver = async () => [
      { address: "93.184.215.14", family: 4 },
      { address: "127.0.0.1", family: 4 },
    ];
    const lookup = (allowLocal: boolean) =>
      new Promise<Error | null>((resolve) =>
        guardedLookup(allowLocal, rebinding)("hooks.example.com", {}, (failure) =>
          resolve(failure),
        ),
      );
    const refused = await lookup(false);
    expect(refused).toBeInstanceOf(RefusedTargetError);
    expect(failureOfError(refused)).toBe("blocked_address");
    expect(await lookup(true)).toBeNull();
  });

  it("follows no redirect: a 3xx is a failed attempt", async () => {
    const { default: http } = await import("node:http");
    const redirector = http.createServer((_request, response) =>
      response.writeHead(302, { location: receiver.url }).end(),
    );
    await new Promise<void>((resolve) => redirector.listen(0, "127.0.0.1", resolve));
    const { port } = redirector.address() as { port: number };
    const outcome = await postWebhook(webhookAgents(true), `http://127.0.0.1:${port}/`, "{}", {});
    redirector.close();
    expect([outcome.statusCode, outcome.error]).toEqual([302, "http_status"]);
    expect(receiver.received).toEqual([]);
  });

  it("a TLS handshake that fails is a 'tls' failure, not the error's text", async () => {
    // A plain HTTP server answers the client's TLS hello with an HTTP error: no TLS at all.
    const { default: http } = await import("node:http");
    const plain = http.createServer((_request, response) => response.writeHead(204).end());
    await new Promise<void>((resolve) => plain.listen(0, "127.0.0.1", resolve));
    const { port } = plain.address() as { port: number };
    const outcome = await postWebhook(webhookAgents(true), `https://127.0.0.1:${port}/`, "{}", {});
    plain.closeAllConnections();
    plain.close();
    expect([outcome.statusCode, outcome.error]).toEqual([null, "tls"]);
  });

  it("gives up on a receiver that does not answer in time", async () => {
    const { default: http } = await import("node:http");
    const silent = http.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as { port: number };
    const outcome = await postWebhook(
      webhookAgents(true),
      `http://127.0.0.1:${port}/`,
      "{}",
      {},
      300,
    );
    silent.closeAllConnections();
    silent.close();
    expect(outcome.error).toBe("timeout");
    expect(outcome.durationMs).toBeGreaterThanOrEqual(290);
  });
});
