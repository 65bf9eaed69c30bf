import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { load } from "@/bench/http";

/** A server that answers every request after `delayMs`, as a slow route would. */
let server: Server;
const delayMs = 40;

beforeAll(async () => {
  server = createServer((_request, response) => setTimeout(() => response.end("ok"), delayMs));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("the bench's load runs", () => {
  it("time a run bounded by count to its last answer, not to autocannon's next one-second tick", async () => {
    const { port } = server.address() as AddressInfo;
    // 10 answers one after another: about 0.4 s, which autocannon itself reports as a whole second.
    const result = await load({ url: `http://127.0.0.1:${port}/`, connections: 1, amount: 10 });
    expect(result.requests).toBe(10);
    expect(result.seconds).toBeGreaterThanOrEqual((10 * delayMs) / 1000);
    expect(result.seconds).toBeLessThan(0.8);
    expect(result.rps).toBeCloseTo(10 / result.seconds, 6);
  });
});
