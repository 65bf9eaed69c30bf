import { randomBytes, randomUUID } from "node:crypto";
import { connect } from "node:net";
import { createAccount, createAdmin, createApiTokenRow } from "../factories";
import { expect, test } from "./support/fixtures";

/**
 * The API's door on a real server (`next start`), over raw sockets where what matters is what a
 * client sends and when: the body limit, the edge's headers, the client's address.
 */

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
}

/**
 * Opens a connection, sends `head` then `body`, and keeps the connection open without sending
 * anything more: resolves with the answer's status and headers as soon as they arrive. A server
 * that waits for the rest of the body never answers (the test's own timeout then fails it).
 */
function sendThenWait(baseURL: string, head: string[], body: Buffer): Promise<RawAnswer> {
  const { hostname, port } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let received = "";
    socket.on("connect", () => {
      socket.write(`${head.join("\r\n")}\r\n\r\n`);
      socket.write(body);
    });
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
      const end = received.indexOf("\r\n\r\n");
      if (end < 0) return;
      const [statusLine, ...lines] = received.slice(0, end).split("\r\n");
      socket.destroy();
      resolve({
        status: Number(statusLine!.split(" ")[1]),
        headers: Object.fromEntries(
          lines.map((line) => {
            const colon = line.indexOf(":");
            return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
          }),
        ),
      });
    });
    socket.on("error", reject);
    socket.on("close", () => reject(new Error(`connection closed without an answer: ${received}`)));
  });
}

/** The headers proxy.ts gives every page, which the API's handlers give themselves. */
function expectEdgeHeaders(headers: Record<string, string>) {
  expect(headers["x-request-id"]).toMatch(/^[A-Za-z0-9._-]{1,64}$/);
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["x-frame-options"]).toBe("DENY");
}

test("the API refuses a body announced over 16 kB at once, before reading it, with a 413 problem", async ({
  baseURL,
  request,
}) => {
  test.setTimeout(30_000);
  const answer = await sendThenWait(
    baseURL!,
    [
      `POST /api/v1/requests/${randomUUID()}/approve HTTP/1.1`,
      `Host: ${new URL(baseURL!).host}`,
      "Content-Type: application/json",
      `Content-Length: ${50 * 1024 * 1024}`,
    ],
    Buffer.from("{".padEnd(1024, " ")),
  );
  expect(answer.status).toBe(413);
  expect(answer.headers["content-type"]).toBe("application/problem+json");
  expectEdgeHeaders(answer.headers);

  // Every other answer of the API carries the edge's headers too, without the proxy.
  const refused = await request.get("/api/v1/accounts", {
    headers: { "x-request-id": "lb-7.a_b" },
  });
  expect(refused.status()).toBe(401);
  expectEdgeHeaders(refused.headers());
  expect(refused.headers()["x-request-id"]).toBe("lb-7.a_b");
  const malformed = await request.get("/api/v1/requests/%C0%AF");
  expect(malformed.status()).toBe(400);
  expect(malformed.headers()["content-type"]).toBe("application/problem+json");
  expectEdgeHeaders(malformed.headers()); // An endpoint that does not exist: a 404 problem, not a page.
  for (const method of ["GET", "POST", "DELETE"]) {
    const unknown = await request.fetch("/api/v1/no-such-endpoint/x", { method });
    expect(unknown.status(), method).toBe(404);
    expect(unknown.headers()["content-type"]).toBe("application/problem+json");
    expectEdgeHeaders(unknown.headers());
  }
});

test("the API stops reading a streamed body at 16 kB and answers 413", async ({ baseURL, db }) => {
  test.setTimeout(30_000);
  const account = await createAccount({}, db);
  const admin = await createAdmin([account.id], {}, db);
  const { token } = await createApiTokenRow(admin.id, { scopes: ["requests:decide"] }, db);
  // One chunk of 20 kB (chunked encoding: no Content-Length to refuse it by), then nothing.
  const chunk = Buffer.from(`{"role":"USER","pad":"${"x".repeat(20 * 1024)}`);
  const answer = await sendThenWait(
    baseURL!,
    [
      `POST /api/v1/requests/${randomUUID()}/approve HTTP/1.1`,
      `Host: ${new URL(baseURL!).host}`,
      "Content-Type: application/json",
      `Authorization: Bearer ${token}`,
      "Transfer-Encoding: chunked",
    ],
    Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]),
  );
  expect(answer.status).toBe(413);
  expect(answer.headers["content-type"]).toBe("application/problem+json");
});

test("a malformed API URL sent with a large or streamed body is refused with a 400 problem, not Next's 500", async ({
  baseURL,
}) => {
  test.setTimeout(30_000);
  // %C0%AF is not UTF-8 and %E0%A4%A not an escape: Next cannot decode the dynamic segment, and the
  // proxy, which refuses such a URL, does not see a request announcing a body over 16 kB or
  // streaming one.
  const head = (segment: string) => [
    `POST /api/v1/requests/${segment}/approve HTTP/1.1`,
    `Host: ${new URL(baseURL!).host}`,
    "Content-Type: application/json",
  ];
  const announced = await sendThenWait(
    baseURL!,
    [...head("%C0%AF"), `Content-Length: ${50 * 1024 * 1024}`],
    Buffer.from("{".padEnd(1024, " ")),
  );
  expect(announced.status).toBe(400);
  expect(announced.headers["content-type"]).toBe("application/problem+json");
  expectEdgeHeaders(announced.headers);

  const chunk = Buffer.from("{".padEnd(1024, " "));
  const streamed = await sendThenWait(
    baseURL!,
    [...head("%E0%A4%A"), "Transfer-Encoding: chunked"],
    Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]),
  );
  expect(streamed.status).toBe(400);
  expect(streamed.headers["content-type"]).toBe("application/problem+json");
  expectEdgeHeaders(streamed.headers);
});

test("a client's address is its socket's: a forged peer header or X-Forwarded-For does not get it a new allowance", async ({
  request,
}) => {
  // The e2e server trusts the loopback as its proxy (TRUSTED_PROXIES): the X-Forwarded-For entry
  // the test sends is the client. A forged peer-address header, were the server's own stamp
  // missing, would make every call a new client instead (an untrusted peer is the client).
  const client = `203.0.113.${1 + (randomBytes(1)[0]! % 250)}`;
  const statuses: number[] = [];
  for (let i = 0; i < 301; i += 1) {
    const response = await request.get("/api/health", {
      headers: {
        "x-forwarded-for": client,
        "x-portal-peer-address": `198.51.100.${i % 250}`,
      },
    });
    statuses.push(response.status());
  }
  expect(statuses.slice(0, 300).every((status) => status === 200)).toBe(true);
  expect(statuses[300]).toBe(429);
  // Another client, through the same proxy, is not refused.
  const other = await request.get("/api/health", { headers: { "x-forwarded-for": "192.0.2.99" } });
  expect(other.status()).toBe(200);
});
