import nodemailer from "nodemailer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { enqueueEmail } from "@/lib/mail/outbox";
import { createMailTransport } from "@/lib/mail/transport";
import { deliverDueEmails, type OutboxOptions } from "@/lib/mail/worker";
import { startMailCatcher, type MailCatcher } from "../support/mail-catcher";
import { freePort } from "../support/test-database";

let catcher: MailCatcher;
let options: OutboxOptions;

beforeAll(async () => {
  catcher = await startMailCatcher();
  options = {
    db,
    transport: nodemailer.createTransport(catcher.url),
    from: "Portal <portal@example.com>",
    maxAttempts: 3,
  };
});

afterAll(async () => {
  await catcher.stop();
});

beforeEach(async () => {
  await db.emailMessage.deleteMany();
  catcher.messages.length = 0;
  catcher.answerAfter(0);
  catcher.refuseNext(0);
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const signIn = (to: string, locale: "en" | "fr" = "en") =>
  enqueueEmail(db, {
    to,
    template: "sign-in",
    locale,
    payload: { url: `http://localhost:3000/x?to=${to}`, minutes: 15 },
  });

describe("email outbox", () => {
  it("delivers queued messages over SMTP in the recipient's language and records them as sent", async () => {
    await signIn("ann@example.com", "en");
    await signIn("bea@example.com", "fr");
    const report = await deliverDueEmails(options);
    expect(report).toEqual({ sent: 2, retrying: 0, failed: 0 });
    const ann = await catcher.waitFor((mail) => mail.to.includes("ann@example.com"));
    const bea = await catcher.waitFor((mail) => mail.to.includes("bea@example.com"));
    expect(ann.subject).toBe("Your sign-in link");
    expect(bea.subject).toBe("Votre lien de connexion");
    expect(ann.text).toContain("http://localhost:3000/x?to=ann@example.com");
    const rows = await db.emailMessage.findMany();
    expect(rows.every((row) => row.status === "SENT" && row.sentAt && row.attempts === 1)).toBe(
      true,
    );
  });

  it("retries a refused message later with backoff, then sends it", async () => {
    const { id } = await signIn("retry@example.com");
    catcher.refuseNext(1);
    expect(await deliverDueEmails(options)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    const waiting = await db.emailMessage.findUniqueOrThrow({ where: { id } });
    expect(waiting.status).toBe("QUEUED");
    expect(waiting.lastError).toMatch(/451|Try again/);
    expect(waiting.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 5_000);

    // Not due yet: nothing happens.
    expect(await deliverDueEmails(options)).toEqual({ sent: 0, retrying: 0, failed: 0 });

    await db.emailMessage.update({ where: { id }, data: { nextAttemptAt: new Date() } });
    expect(await deliverDueEmails(options)).toEqual({ sent: 1, retrying: 0, failed: 0 });
    const sent = await db.emailMessage.findUniqueOrThrow({ where: { id } });
    expect(sent).toMatchObject({ status: "SENT", attempts: 2, lastError: null });
  });

  it("gives every attempt of a message the same Message-ID, made of the outbox row's id", async () => {
    const { id } = await signIn("same-id@example.com");
    catcher.refuseNext(1);
    await deliverDueEmails(options);
    await db.emailMessage.update({ where: { id }, data: { nextAttemptAt: new Date() } });
    await deliverDueEmails(options);
    expect(catcher.messages.map((mail) => mail.messageId)).toEqual([`<${id}@example.com>`]);
  });

  it("in a batch sent several at once, marks exactly the messages the SMTP server accepted as sent", async () => {
    const recipients = [
      "one@example.com",
      "two@example.com",
      "three@example.com",
      "four@example.com",
    ];
    for (const to of recipients) await signIn(to);
    catcher.refuseNext(1);
    expect(await deliverDueEmails({ ...options, concurrency: 4 })).toEqual({
      sent: 3,
      retrying: 1,
      failed: 0,
    });
    const received = catcher.messages.flatMap((mail) => mail.to).sort();
    const rows = await db.emailMessage.findMany({ orderBy: { to: "asc" } });
    expect(rows.filter((row) => row.status === "SENT").map((row) => row.to)).toEqual(received);
    expect(
      rows
        .filter((row) => row.status === "SENT")
        .every((row) => row.sentAt && row.lastError === null),
    ).toBe(true);
    const [refused] = rows.filter((row) => row.status === "QUEUED");
    expect(refused).toMatchObject({
      sentAt: null,
      lastError: expect.stringMatching(/451|Try again/),
    });
    expect(received).not.toContain(refused!.to);
  });

  it("delivers through the app's own transport, pooled or not", async () => {
    for (const [query, to] of [
      ["", "pooled@example.com"],
      ["?pool=false", "unpooled@example.com"],
    ] as const) {
      const transport = createMailTransport(`${catcher.url}${query}`, 2);
      try {
        await signIn(to);
        expect(await deliverDueEmails({ ...options, transport })).toEqual({
          sent: 1,
          retrying: 0,
          failed: 0,
        });
        expect((await catcher.waitFor((mail) => mail.to.includes(to))).subject).toBe(
          "Your sign-in link",
        );
      } finally {
        transport.close();
      }
    }
  });

  it("the app's pooled transport fails every message while the SMTP server refuses connections, leaving none waiting for ever", async () => {
    const transport = createMailTransport(`smtp://127.0.0.1:${await freePort()}`, 2);
    try {
      // More messages than connections: a connection slot the pool never freed would hold the rest.
      const sends = Array.from({ length: 5 }, (_, i) =>
        transport.sendMail({
          from: "a@example.com",
          to: `b${i}@example.com`,
          subject: "s",
          text: "t",
        }),
      );
      const outcomes = await Promise.race([
        Promise.allSettled(sends),
        pause(10_000).then(() => "still waiting"),
      ]);
      expect(outcomes).not.toBe("still waiting");
      expect(
        (outcomes as PromiseSettledResult<unknown>[]).map((outcome) => outcome.status),
      ).toEqual(Array(5).fill("rejected"));
    } finally {
      transport.close();
    }
  });

  it("gives up after the last attempt and records the error", async () => {
    const { id } = await signIn("never@example.com");
    catcher.refuseNext(10);
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await db.emailMessage.update({ where: { id }, data: { nextAttemptAt: new Date() } });
      await deliverDueEmails(options);
    }
    const failed = await db.emailMessage.findUniqueOrThrow({ where: { id } });
    expect(failed).toMatchObject({ status: "FAILED", attempts: 3 });
    expect(failed.lastError).toBeTruthy();
    catcher.refuseNext(0);
  });

  it("fails a message it cannot render without sending anything", async () => {
    const { id } = await db.emailMessage.create({
      data: { to: "x@example.com", template: "no-such-template", locale: "en", payload: {} },
    });
    expect(await deliverDueEmails(options)).toEqual({ sent: 0, retrying: 0, failed: 1 });
    expect((await db.emailMessage.findUniqueOrThrow({ where: { id } })).lastError).toMatch(
      /render/,
    );
    expect(catcher.messages).toHaveLength(0);
  });

  it("several workers at once send each message exactly once", async () => {
    const recipients = Array.from({ length: 40 }, (_, i) => `bulk${i}@example.com`);
    for (const to of recipients) await signIn(to);
    const workers = Array.from({ length: 4 }, () => ({ ...options, batchSize: 7 }));
    let rounds = 0;
    while ((await db.emailMessage.count({ where: { status: "QUEUED" } })) > 0 && rounds < 20) {
      await Promise.all(workers.map((worker) => deliverDueEmails(worker)));
      rounds += 1;
    }
    const received = catcher.messages.flatMap((mail) => mail.to).sort();
    expect(received).toEqual([...recipients].sort());
    expect(await db.emailMessage.count({ where: { status: "SENT", attempts: 1 } })).toBe(40);
  });

  it("a message the SMTP server takes longer than the lease to accept is sent once: the lease is renewed meanwhile", async () => {
    const { id } = await signIn("slow@example.com");
    catcher.answerAfter(1_500);
    const first = deliverDueEmails({ ...options, leaseMs: 300 });
    // Twice the lease later, the message is still being sent: a second worker must not claim it.
    await pause(600);
    expect(await deliverDueEmails({ ...options, leaseMs: 300 })).toEqual({
      sent: 0,
      retrying: 0,
      failed: 0,
    });
    expect(await first).toEqual({ sent: 1, retrying: 0, failed: 0 });
    expect(catcher.messages.map((mail) => mail.to)).toEqual([["slow@example.com"]]);
    expect(await db.emailMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "SENT",
      attempts: 1,
      claimToken: null,
    });
  });

  it("a worker whose claim was taken over leaves the message as the other worker recorded it: no FAILED turned SENT", async () => {
    const { id } = await signIn("taken-over@example.com");
    catcher.answerAfter(800);
    const sending = deliverDueEmails(options);
    await pause(300);
    // As if this worker's lease had ended and another worker had claimed the message and given up.
    await db.emailMessage.update({
      where: { id },
      data: { claimToken: "another-worker", status: "FAILED", lastError: "gave up" },
    });
    await sending;
    expect(await db.emailMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "FAILED",
      lastError: "gave up",
      sentAt: null,
    });
  });

  it("a worker whose claim was taken over does not reschedule the message when its own send fails", async () => {
    const { id } = await signIn("taken-over-retry@example.com");
    catcher.answerAfter(800);
    catcher.refuseNext(1);
    const sending = deliverDueEmails(options);
    await pause(300);
    const otherLease = new Date(Date.now() + 60_000);
    await db.emailMessage.update({
      where: { id },
      data: { claimToken: "another-worker", nextAttemptAt: otherLease },
    });
    expect(await sending).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(await db.emailMessage.findUniqueOrThrow({ where: { id } })).toMatchObject({
      status: "QUEUED",
      claimToken: "another-worker",
      nextAttemptAt: otherLease,
      lastError: null,
    });
  });

  it("an email queued in a transaction that rolls back never exists", async () => {
    await expect(
      db.$transaction(async (tx) => {
        await enqueueEmail(tx, {
          to: "ghost@example.com",
          template: "sign-in",
          locale: "en",
          payload: { url: "http://localhost:3000/", minutes: 15 },
        });
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.emailMessage.count({ where: { to: "ghost@example.com" } })).toBe(0);
  });
});
