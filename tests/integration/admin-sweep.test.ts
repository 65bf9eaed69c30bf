import { beforeEach, describe, expect, it } from "vitest";
import { decideInBulk } from "@/lib/admin/bulk-decision";
import {
  escalateWaitingRequests,
  expireOverdueRequests,
  sweepRequests,
} from "@/lib/requests/sweep";
import { db } from "@/lib/db/client";
import { renderEmail } from "@/lib/mail/render";
import { submitRequest } from "@/lib/requests/submit-request";
import {
  createAccount,
  createAdmin,
  createMembership,
  createRequest,
  createUser,
} from "../factories";

const DAY_MS = 24 * 3600_000;
const ago = (days: number) => new Date(Date.now() - days * DAY_MS);
const events = (action: string, subjectId: string) =>
  db.auditEvent.count({ where: { action, subjectId } });

describe("expiry", () => {
  it("a pending request past its expiry becomes EXPIRED, the requester is emailed, and can request again", async () => {
    const account = await createAccount({ name: "Expiry Corp", domains: ["expiry-corp.example"] });
    await createAdmin([account.id]);
    const requester = await createUser({ locale: "fr" });
    const overdue = await createRequest({
      accountId: account.id,
      requesterId: requester.id,
      createdAt: ago(31),
      expiresAt: ago(1),
    });
    const fresh = await createRequest({
      accountId: account.id,
      createdAt: ago(29),
      expiresAt: new Date(Date.now() + DAY_MS),
    });

    expect(await expireOverdueRequests(db)).toBe(1);

    const expired = await db.accessRequest.findUniqueOrThrow({ where: { id: overdue.id } });
    expect(expired.status).toBe("EXPIRED");
    expect(expired.decidedAt).toBeInstanceOf(Date);
    expect((await db.accessRequest.findUniqueOrThrow({ where: { id: fresh.id } })).status).toBe(
      "PENDING",
    );
    expect(
      await db.auditEvent.findFirst({
        where: { action: "request.expired", subjectId: overdue.id },
      }),
    ).toMatchObject({ actorId: null });
    const [email] = await db.emailMessage.findMany({ where: { requestId: overdue.id } });
    expect(email).toMatchObject({ to: requester.email, template: "request-expired", locale: "fr" });
    const rendered = await renderEmail(email!.template, "fr", email!.payload);
    expect(rendered.subject).toBe("Votre demande pour Expiry Corp a expiré");
    expect(rendered.text).toContain("31 jours");

    const again = await submitRequest.execute(requester, {
      accountId: account.id,
      domain: "expiry-corp.example",
      reason: "Still need access, please.",
    });
    expect(again).toMatchObject({ outcome: "created" });
  });

  it("several workers at once expire each request exactly once", async () => {
    const account = await createAccount();
    await createAdmin([account.id]);
    const overdue = await Promise.all(
      Array.from({ length: 30 }, () =>
        createRequest({ accountId: account.id, createdAt: ago(40), expiresAt: ago(10) }),
      ),
    );
    const counts = await Promise.all(
      Array.from({ length: 4 }, () => expireOverdueRequests(db, { batchSize: 7 })),
    );
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(30);
    expect(await expireOverdueRequests(db)).toBe(0);
    for (const request of overdue) {
      expect(await events("request.expired", request.id)).toBe(1);
      expect(await db.emailMessage.count({ where: { requestId: request.id } })).toBe(1);
    }
  });

  it("an administrator deciding while the sweep runs: each request ends decided or expired, never both", async () => {
    const account = await createAccount();
    const admin = await createAdmin([account.id]);
    const overdue = await Promise.all(
      Array.from({ length: 20 }, () =>
        createRequest({ accountId: account.id, createdAt: ago(31), expiresAt: ago(1) }),
      ),
    );
    const [decision] = await Promise.all([
      decideInBulk.execute(admin, { decision: "approve", requestIds: overdue.map((r) => r.id) }),
      expireOverdueRequests(db, { batchSize: 3 }),
    ]);
    for (const request of overdue) {
      const row = await db.accessRequest.findUniqueOrThrow({ where: { id: request.id } });
      const approved = decision.decided.some((d) => d.requestId === request.id);
      expect(row.status).toBe(approved ? "APPROVED" : "EXPIRED");
      expect(
        (await events("request.approved", request.id)) +
          (await events("request.expired", request.id)),
      ).toBe(1);
      expect(await db.emailMessage.count({ where: { requestId: request.id } })).toBe(1);
      expect(
        await db.membership.count({
          where: { userId: request.requesterId, accountId: account.id },
        }),
      ).toBe(approved ? 1 : 0);
    }
  });
});

describe("escalation", () => {
  // Requests left by other tests of this file would be escalated too.
  beforeEach(async () => {
    await db.accessRequest.deleteMany();
  });

  it("a request pending longer than ESCALATE_AFTER_DAYS is escalated to support once, however often and however many workers run", async () => {
    const support = await createUser({ platformRole: "SUPPORT" });
    const superadmin = await createUser({ platformRole: "SUPERADMIN", locale: "fr" });
    const account = await createAccount({ name: "Slow Corp" });
    await createAdmin([account.id]);
    const waiting = await createRequest({ accountId: account.id, daysAgo: 8 });
    const recent = await createRequest({ accountId: account.id, daysAgo: 6 });

    const others = await Promise.all(
      Array.from({ length: 20 }, () => createRequest({ accountId: account.id, daysAgo: 10 })),
    );

    const counts = await Promise.all(
      [1, 2, 3, 4].map(() => escalateWaitingRequests(db, { afterDays: 7, batchSize: 3 })),
    );
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(21);
    for (const request of others) expect(await events("request.escalated", request.id)).toBe(1);
    expect(await escalateWaitingRequests(db, { afterDays: 7 })).toBe(0);

    expect(
      (await db.accessRequest.findUniqueOrThrow({ where: { id: waiting.id } })).escalatedAt,
    ).toBeInstanceOf(Date);
    expect(
      (await db.accessRequest.findUniqueOrThrow({ where: { id: recent.id } })).escalatedAt,
    ).toBeNull();
    expect(
      await db.auditEvent.findFirst({
        where: { action: "request.escalated", subjectId: waiting.id },
      }),
    ).toMatchObject({
      actorId: null,
      after: { cause: "pendingTooLong" },
    });
    expect(await events("request.escalated", waiting.id)).toBe(1);
    const emails = await db.emailMessage.findMany({
      where: { requestId: waiting.id },
      orderBy: { to: "asc" },
    });
    expect(emails.map((email) => [email.to, email.template, email.locale]).sort()).toEqual(
      [
        [support.email, "request-escalated", "en"],
        [superadmin.email, "request-escalated", "fr"],
      ].sort(),
    );
    expect((await renderEmail(emails[0]!.template, "en", emails[0]!.payload)).text).toContain(
      "pending for 8 days",
    );
  });

  it("a request whose account has no active administrator any more is escalated at once, with that cause", async () => {
    await createUser({ platformRole: "SUPPORT" });
    const account = await createAccount();
    const admin = await createAdmin([account.id]);
    const request = await createRequest({ accountId: account.id, daysAgo: 1 });
    expect(await escalateWaitingRequests(db, { afterDays: 7 })).toBe(0);

    await db.user.update({ where: { id: admin.id }, data: { disabledAt: new Date() } });
    expect(await escalateWaitingRequests(db, { afterDays: 7 })).toBe(1);
    expect(
      await db.auditEvent.findFirst({
        where: { action: "request.escalated", subjectId: request.id },
      }),
    ).toMatchObject({ after: { cause: "noActiveAdmin" } });
  });

  it("requests already escalated, or no longer pending, are left alone", async () => {
    await createUser({ platformRole: "SUPPORT" });
    const account = await createAccount();
    const former = await createUser();
    await createMembership(former.id, account.id, "ADMIN", { active: false });
    const escalated = await createRequest({
      accountId: account.id,
      daysAgo: 9,
      escalatedAt: ago(2),
    });
    const approved = await createRequest({ accountId: account.id, daysAgo: 9, status: "APPROVED" });
    const withdrawn = await createRequest({
      accountId: account.id,
      daysAgo: 9,
      status: "WITHDRAWN",
    });
    expect(await escalateWaitingRequests(db, { afterDays: 7 })).toBe(0);
    for (const request of [escalated, approved, withdrawn])
      expect(await db.emailMessage.count({ where: { requestId: request.id } })).toBe(0);
  });

  it("one sweep expires what is overdue before escalating, so an expired request is never escalated", async () => {
    await createUser({ platformRole: "SUPPORT" });
    const account = await createAccount();
    await createAdmin([account.id]);
    const overdue = await createRequest({
      accountId: account.id,
      createdAt: ago(31),
      expiresAt: ago(1),
    });
    expect(await sweepRequests(db)).toEqual({ expired: 1, escalated: 0 });
    expect(await events("request.escalated", overdue.id)).toBe(0);
  });
});
