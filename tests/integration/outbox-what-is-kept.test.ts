import nodemailer from "nodemailer";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { parseEnv } from "@/lib/env";
import { enqueueEmail } from "@/lib/mail/outbox";
import { purgeSentEmails } from "@/lib/mail/retention";
import { emailTemplates } from "@/lib/mail/templates";
import { deliverDueEmails, startOutboxWorkerFromEnv, type OutboxOptions } from "@/lib/mail/worker";
import { requestTimeline } from "@/lib/support/timeline";
import { DAY_MS } from "@/lib/time";
import { startMailCatcher, type MailCatcher } from "../support/mail-catcher";
import { createAccount, createRequest, createUser } from "../factories";

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
});

const signInLink = (to: string) =>
  enqueueEmail(db, {
    to,
    template: "sign-in",
    locale: "en",
    payload: {
      url: `http://localhost:3000/api/auth/callback/email?token=secret-${to}`,
      minutes: 15,
    },
  });

async function requestEmail(to: string) {
  const requester = await createUser();
  const account = await createAccount();
  const request = await createRequest({ requesterId: requester.id, accountId: account.id });
  const payload = emailTemplates["request-to-admins"].preview;
  const { id } = await enqueueEmail(db, {
    to,
    template: "request-to-admins",
    locale: "en",
    payload,
    requestId: request.id,
  });
  return { id, requestId: request.id, payload };
}

describe("what the outbox keeps of an email", () => {
  it("empties a sign-in link in the UPDATE that marks it sent; other emails keep their content", async () => {
    const link = await signInLink("ann@example.com");
    const notice = await requestEmail("admin@example.com");
    expect(await deliverDueEmails(options)).toEqual({ sent: 2, retrying: 0, failed: 0 });
    expect((await catcher.waitFor((mail) => mail.to.includes("ann@example.com"))).text).toContain(
      "token=secret-ann@example.com",
    );

    const signIn = await db.emailMessage.findUniqueOrThrow({ where: { id: link.id } });
    expect(signIn).toMatchObject({ status: "SENT", payload: null });
    expect(JSON.stringify(await db.emailMessage.findMany())).not.toContain("secret-ann");
    expect((await db.emailMessage.findUniqueOrThrow({ where: { id: notice.id } })).payload).toEqual(
      notice.payload,
    );
  });

  it("keeps a sign-in link that was not sent (refused by the SMTP server) for the next attempt", async () => {
    const link = await signInLink("later@example.com");
    catcher.refuseNext(1);
    expect(await deliverDueEmails(options)).toEqual({ sent: 0, retrying: 1, failed: 0 });
    expect(
      (await db.emailMessage.findUniqueOrThrow({ where: { id: link.id } })).payload,
    ).toMatchObject({ minutes: 15 });
  });

  it("without an SMTP server, holds every email for the dev mailbox and never marks one sent", async () => {
    const link = await signInLink("demo@example.com");
    const worker = startOutboxWorkerFromEnv(
      db,
      parseEnv({ ...process.env, SMTP_URL: "", OUTBOX_POLL_MS: "50", NODE_ENV: "test" }),
    );
    try {
      await expect
        .poll(
          async () => (await db.emailMessage.findUniqueOrThrow({ where: { id: link.id } })).status,
        )
        .toBe("HELD");
    } finally {
      await worker.stop();
    }
    const held = await db.emailMessage.findUniqueOrThrow({ where: { id: link.id } });
    expect(held).toMatchObject({ sentAt: null, payload: { minutes: 15 } });
    expect(await db.emailMessage.count({ where: { status: "SENT" } })).toBe(0);
  });

  it("after the retention period, deletes sent sign-in emails and empties request emails, keeping what the timeline shows", async () => {
    const now = new Date();
    const old = new Date(now.getTime() - 31 * DAY_MS);
    const oldLink = await signInLink("old@example.com");
    const newLink = await signInLink("new@example.com");
    const oldNotice = await requestEmail("old-admin@example.com");
    const queued = await signInLink("queued@example.com");
    await deliverDueEmails(options);
    await db.emailMessage.updateMany({
      where: { id: { in: [oldLink.id, oldNotice.id] } },
      data: { createdAt: old, sentAt: old },
    });
    await db.emailMessage.update({
      where: { id: queued.id },
      data: { status: "QUEUED", sentAt: null, createdAt: old },
    });

    expect(await purgeSentEmails(db, 30, now)).toEqual({ deleted: 1, emptied: 1 });
    expect(await db.emailMessage.findUnique({ where: { id: oldLink.id } })).toBeNull();
    expect(await db.emailMessage.findUnique({ where: { id: newLink.id } })).not.toBeNull();
    expect(await db.emailMessage.findUnique({ where: { id: queued.id } })).not.toBeNull();
    const notice = await db.emailMessage.findUniqueOrThrow({ where: { id: oldNotice.id } });
    expect(notice).toMatchObject({
      payload: null,
      status: "SENT",
      to: "old-admin@example.com",
      template: "request-to-admins",
    });

    const support = await createUser({ platformRole: "SUPPORT" });
    const [entry] = (await requestTimeline(support, oldNotice.requestId, [])).entries;
    expect(entry).toMatchObject({
      kind: "email",
      to: "old-admin@example.com",
      template: "request-to-admins",
      status: "SENT",
      sentAt: old,
      at: old,
      subject: null,
      contentRemoved: true,
    });
    // A second pass finds nothing more.
    expect(await purgeSentEmails(db, 30, now)).toEqual({ deleted: 0, emptied: 0 });
  });
});
