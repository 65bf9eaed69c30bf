import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import nodemailer from "nodemailer";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres, type EmbeddedDatabase } from "@/lib/db/embedded";
import { migrateDeploy } from "@/lib/db/migrate";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { checkHealth } from "@/lib/health";
import { enqueueEmail } from "@/lib/mail/outbox";
import { deliverDueEmails, startOutboxWorker } from "@/lib/mail/worker";
import { startMailCatcher } from "../support/mail-catcher";
import { freePort } from "../support/test-database";

// A database of its own, so that stopping it does not disturb the other tests.
const cleanup: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const step of cleanup.reverse()) await step().catch(() => undefined);
});

/**
 * A migrated PostgreSQL of the test's own, which the test stops and starts again on the same data
 * directory and port, with a Prisma client on it and a real SMTP server.
 */
async function isolatedStack() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "portal-outage-"));
  cleanup.push(() => rm(dataDir, { recursive: true, force: true }));
  const port = await freePort();
  const open = () => startEmbeddedPostgres({ dataDir, port, database: "outage", persistent: true });
  let server: EmbeddedDatabase = await open();
  cleanup.push(() => server.stop());
  await migrateDeploy(server.url, () => undefined);
  const client = new PrismaClient({
    adapter: new PrismaPg({ connectionString: server.url, connectionTimeoutMillis: 2_000 }),
  });
  cleanup.push(() => client.$disconnect());
  const catcher = await startMailCatcher();
  cleanup.push(() => catcher.stop());
  const database = {
    stop: () => server.stop(),
    start: async () => {
      server = await open();
    },
  };
  return { client, catcher, database };
}

describe("when the database goes away and comes back", () => {
  it("health turns 503 and back to ok, and the outbox worker keeps going and delivers afterwards", async () => {
    const { client, catcher, database } = await isolatedStack();
    const worker = startOutboxWorker({
      db: client,
      transport: nodemailer.createTransport(catcher.url),
      from: "portal@example.com",
      maxAttempts: 3,
      pollMs: 100,
    });
    cleanup.push(() => worker.stop());

    expect((await checkHealth(client)).status).toBe("ok");
    await database.stop();
    expect(await checkHealth(client)).toEqual({ status: "down", database: "down" });
    await new Promise((resolve) => setTimeout(resolve, 500)); // the worker polls a dead database meanwhile

    await database.start();
    expect((await checkHealth(client)).status).toBe("ok");
    await enqueueEmail(client, {
      to: "after-outage@example.com",
      template: "sign-in",
      locale: "en",
      payload: { url: "http://localhost:3000/x", minutes: 15 },
    });
    const mail = await catcher.waitFor((m) => m.to.includes("after-outage@example.com"), 20_000);
    expect(mail.subject).toBe("Your sign-in link");
  });

  it("an email the SMTP server accepted while the database was away is marked sent once it is back, not sent again", async () => {
    const { client, catcher, database } = await isolatedStack();
    const { id } = await enqueueEmail(client, {
      to: "mid-outage@example.com",
      template: "sign-in",
      locale: "en",
      payload: { url: "http://localhost:3000/x", minutes: 15 },
    });

    catcher.answerAfter(1_500);
    const delivering = deliverDueEmails({
      db: client,
      transport: nodemailer.createTransport(catcher.url),
      from: "portal@example.com",
      maxAttempts: 3,
    });
    await new Promise((resolve) => setTimeout(resolve, 500)); // being sent
    await database.stop();
    await catcher.waitFor((m) => m.to.includes("mid-outage@example.com")); // accepted while the database is down
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // and it stays down a while
    await database.start();

    expect(await delivering).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(await client.emailMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "SENT",
      attempts: 1,
    });
    expect(catcher.messages).toHaveLength(1);
  });
});
