import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { DEMO_REQUEST_TTL_DAYS, demoHistoryUsers } from "@/lib/demo/demo-history";
import { demoUsers } from "@/lib/demo/demo-data";
import { insightsFor } from "@/lib/insights/read";
import { emailTemplate } from "@/lib/mail/templates";
import { grantedScopeSchema } from "@/lib/requests/granted-scope";
import { seedDemoData } from "@/prisma/seed";
import { actorOf } from "../factories";

const DAY = 24 * 3600_000;
const history = { id: { startsWith: "demo-history-" } };

describe("the demo's history for the insights page", () => {
  it("has months of decided requests, pending ones of every age within the expiry, and follow-ups", async () => {
    const now = new Date();
    await seedDemoData(db, now);
    const requests = await db.accessRequest.findMany({ where: history });
    expect(requests.length).toBeGreaterThanOrEqual(200);

    const decided = requests.filter((r) => r.status === "APPROVED" || r.status === "DENIED");
    expect(decided.length).toBeGreaterThanOrEqual(150);
    const months = new Set(decided.map((r) => r.decidedAt!.toISOString().slice(0, 7)));
    expect(months.size).toBeGreaterThanOrEqual(6);
    for (const status of ["WITHDRAWN", "EXPIRED"] as const)
      expect(requests.filter((r) => r.status === status).length, status).toBeGreaterThan(3);
    expect(requests.filter((r) => r.status === "DENIED" && r.decisionNote).length).toBeGreaterThan(
      0,
    );

    // Every request ends within its lifetime; the pending ones are younger than the expiry.
    for (const r of requests) {
      expect(r.expiresAt.getTime() - r.createdAt.getTime()).toBe(DEMO_REQUEST_TTL_DAYS * DAY);
      if (r.decidedAt) expect(r.decidedAt.getTime()).toBeLessThanOrEqual(r.expiresAt.getTime());
      if (r.decidedAt) expect(r.decidedAt.getTime()).toBeLessThanOrEqual(now.getTime());
    }
    const pending = requests.filter((r) => r.status === "PENDING");
    const ages = pending.map((r) => (now.getTime() - r.createdAt.getTime()) / DAY);
    expect(ages.every((age) => age >= 0 && age < DEMO_REQUEST_TTL_DAYS)).toBe(true);
    for (const [from, to] of [
      [0, 1],
      [1, 3],
      [3, 7],
      [7, DEMO_REQUEST_TTL_DAYS],
    ])
      expect(
        ages.some((age) => age >= from! && age < to!),
        `${from}–${to} days`,
      ).toBe(true);

    // Reminders and escalations, each with its emails and audit events.
    const reminded = requests.filter((r) => r.reminderCount > 0);
    expect(reminded.length).toBeGreaterThan(10);
    expect(reminded.every((r) => r.lastRemindedAt && r.lastRemindedAt > r.createdAt)).toBe(true);
    expect(requests.filter((r) => r.escalatedAt).length).toBeGreaterThan(3);
    expect(
      await db.auditEvent.count({ where: { action: "request.reminded", subjectId: history.id } }),
    ).toBe(reminded.reduce((sum, r) => sum + r.reminderCount, 0));
    expect(
      await db.auditEvent.count({ where: { action: "request.submitted", subjectId: history.id } }),
    ).toBe(requests.length);
  });

  it("gives every approval its membership and kept scope, from its decider", async () => {
    await seedDemoData(db);
    const approved = await db.accessRequest.findMany({
      where: { ...history, status: "APPROVED" },
      include: { grantedMembership: true },
    });
    expect(approved.length).toBeGreaterThan(100);
    for (const request of approved) {
      expect(grantedScopeSchema.parse(request.grantedScope)).toEqual({
        scope: "account",
        role: request.grantedRole,
        virtualAccounts: [],
      });
      expect(request.grantedMembership).toMatchObject({
        userId: request.requesterId,
        accountId: request.accountId,
        role: request.grantedRole,
        active: true,
        grantedAt: request.decidedAt,
      });
      const admin = await db.membership.findUnique({
        where: {
          userId_accountId: { userId: request.decidedById!, accountId: request.accountId },
        },
      });
      expect(admin?.role).toBe("ADMIN");
    }
    expect(
      await db.auditEvent.count({
        where: {
          action: "membership.granted",
          subjectId: { in: approved.map((r) => r.grantedMembership!.id) },
        },
      }),
    ).toBe(approved.length);
  });

  it("has history emails that render, none left for a worker to send, and requesters not on the sign-in page", async () => {
    await seedDemoData(db);
    const emails = await db.emailMessage.findMany({
      where: { requestId: history.id },
      select: { template: true, payload: true, status: true, sentAt: true, createdAt: true },
    });
    expect(emails.length).toBeGreaterThan(300);
    expect(emails.filter((e) => e.status === "FAILED").length).toBeGreaterThan(0);
    // No SMTP server accepted them: held (or failed), never recorded as sent.
    expect(emails.every((e) => e.status === "HELD" || e.status === "FAILED")).toBe(true);
    expect(emails.every((e) => e.sentAt === null)).toBe(true);
    expect(
      emails.filter((e) => e.createdAt > new Date(Date.now() - 7 * DAY)).length,
    ).toBeGreaterThan(20);
    // Held ones keep their content (the retention purge empties sent ones only).
    expect(emails.every((e) => e.payload !== null)).toBe(true);
    for (const email of emails) {
      const parsed = emailTemplate(email.template)!.payload.safeParse(email.payload);
      expect(parsed.success, email.template).toBe(true);
    }

    const signInEmails = new Set<string>(demoUsers.map((user) => user.email));
    expect(demoHistoryUsers.some((user) => signInEmails.has(user.email))).toBe(false);
    expect(await db.user.count({ where: history })).toBe(demoHistoryUsers.length);
    expect(await db.user.count({ where: { ...history, platformRole: { not: "NONE" } } })).toBe(0);
  });

  it("shows Alice a shape on the insights page: decisions getting faster, pending requests by age", async () => {
    const now = new Date();
    await seedDemoData(db, now);
    const alice = await db.user.findUniqueOrThrow({ where: { email: "alice.admin@example.com" } });
    const insights = (await insightsFor(actorOf(alice), { period: 365, accountId: null }, now))!;
    const timed = insights.decisionTime.filter((week) => week.medianHours !== null);
    expect(timed.length).toBeGreaterThanOrEqual(20);
    const half = Math.floor(timed.length / 2);
    const mean = (weeks: typeof timed) =>
      weeks.reduce((sum, week) => sum + week.medianHours!, 0) / weeks.length;
    expect(mean(timed.slice(half))).toBeLessThan(mean(timed.slice(0, half)));
    for (const bucket of ["0-1", "1-3", "3-7", "7+"] as const)
      expect(insights.pendingAge[bucket], bucket).toBeGreaterThan(0);
  });

  it("seeding again adds nothing and leaves what people did", async () => {
    await seedDemoData(db);
    const counts = () =>
      Promise.all([
        db.accessRequest.count(),
        db.membership.count(),
        db.emailMessage.count(),
        db.auditEvent.count(),
        db.user.count(),
      ]);
    const pending = await db.accessRequest.findFirstOrThrow({
      where: { ...history, status: "PENDING" },
    });
    await db.accessRequest.update({ where: { id: pending.id }, data: { status: "WITHDRAWN" } });
    const before = await counts();
    await seedDemoData(db, new Date(Date.now() + 3 * DAY));
    expect(await counts()).toEqual(before);
    expect((await db.accessRequest.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe(
      "WITHDRAWN",
    );
  });
});
