import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { db } from "@/lib/db/client";
import { OUTBOX_BACKLOG } from "@/lib/db/sql/health";
import { Prisma } from "@/lib/generated/prisma/client";
import { PEER_ADDRESS_HEADER } from "@/lib/http/client-address";
import { enqueueEmail } from "@/lib/mail/outbox";

// This file's server has a HEALTH_TOKEN (the environment is read once per test file).
const HEALTH_TOKEN = "integration-health-token-integration-health";
process.env.HEALTH_TOKEN = HEALTH_TOKEN;

const newClient = () => `10.${[...randomBytes(3)].join(".")}`;

/** GET /api/health through its route handler, from `client` (the socket's address the server stamps). */
async function health(client: string, headers: Record<string, string> = {}) {
  const response = await GET(
    new Request("http://localhost:3000/api/health", {
      headers: { [PEER_ADDRESS_HEADER]: client, ...headers },
    }),
  );
  return { status: response.status, headers: response.headers, body: await response.json() };
}

const withToken = { authorization: `Bearer ${HEALTH_TOKEN}` };

/** Every node of an EXPLAIN (FORMAT JSON) plan. */
function planNodes(node: Record<string, unknown>): Record<string, unknown>[] {
  const children = (node.Plans as Record<string, unknown>[] | undefined) ?? [];
  return [node, ...children.flatMap(planNodes)];
}

describe("/api/health", () => {
  it("answers anyone without reading the email table: it answers while that table is locked", async () => {
    const answer = await db.$transaction(
      async (tx) => {
        await tx.$executeRaw`LOCK TABLE "EmailMessage" IN ACCESS EXCLUSIVE MODE`;
        // Generous: a status that counted the emails would wait for the lock, i.e. for ever.
        const blocked = new Promise<"blocked">((resolve) =>
          setTimeout(() => resolve("blocked"), 10_000),
        );
        return Promise.race([health(newClient()), blocked]);
      },
      { timeout: 30_000 },
    );
    expect(answer).toMatchObject({ status: 200, body: { status: "ok" } });
  });

  it("gives the outbox's backlog to the HEALTH_TOKEN only", async () => {
    await enqueueEmail(db, {
      to: "backlog@example.com",
      template: "sign-in",
      locale: "en",
      payload: { url: "http://localhost:3000/x", minutes: 15 },
    });
    const client = newClient();
    expect((await health(client)).body).toEqual({ status: "ok" });
    const details = await health(client, withToken);
    expect(details.status).toBe(200);
    expect(details.body).toMatchObject({
      status: "ok",
      database: "up",
      migrations: { pending: [] },
      outbox: { failed: expect.any(Number) },
    });
    expect(details.body.outbox.queued).toBeGreaterThanOrEqual(1);
    expect(details.body.outbox.oldestQueuedSeconds).toEqual(expect.any(Number));
  });

  it("reads the backlog from the outbox's partial indexes, never the whole table", async () => {
    // With sequential scans priced out, the plan shows which indexes can serve the statement.
    const plan = await db.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
      const rows = await tx.$queryRaw<{ "QUERY PLAN": [{ Plan: Record<string, unknown> }] }[]>(
        Prisma.sql`EXPLAIN (FORMAT JSON) ${OUTBOX_BACKLOG}`,
      );
      return rows[0]!["QUERY PLAN"][0].Plan;
    });
    const nodes = planNodes(plan);
    expect(
      nodes.filter((node) => node["Node Type"] === "Seq Scan").map((node) => node["Relation Name"]),
    ).toEqual([]);
    const indexes = new Set(nodes.flatMap((node) => (node["Index Name"] as string) ?? []));
    expect([...indexes].sort()).toEqual(["EmailMessage_failed_idx", "EmailMessage_queued_idx"]);
  });

  it("is rate-limited per client: the 301st call in a minute is refused with Retry-After, another client is not", async () => {
    const client = newClient();
    const statuses: number[] = [];
    for (let i = 0; i < 300; i += 1) statuses.push((await health(client)).status);
    expect(new Set(statuses)).toEqual(new Set([200]));
    const refused = await health(client, withToken);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await health(newClient())).status).toBe(200);
  });
});
