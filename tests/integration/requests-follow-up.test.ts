import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { updateProfile } from "@/lib/profile/update-profile";
import { listMyRequests } from "@/lib/requests/list-my-requests";
import { openSupportCase } from "@/lib/requests/open-support-case";
import { sendReminder } from "@/lib/requests/send-reminder";
import { submitRequest } from "@/lib/requests/submit-request";
import { withdrawRequest } from "@/lib/requests/withdraw-request";
import { actorOf, createAccount, createUser, uniqueDomain } from "../factories";

const reason = "I manage our licences and need to see this account.";

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** A pending request of a new requester for a new account with one admin. */
async function pendingRequest() {
  const domain = uniqueDomain();
  const admin = await createUser();
  const requester = await createUser();
  const account = await createAccount({
    domains: [domain],
    members: [{ userId: admin.id, role: "ADMIN" }],
  });
  const result = await submitRequest.execute(actorOf(requester), {
    accountId: account.id,
    domain,
    reason,
  });
  if (result.outcome !== "created") throw new Error("expected a new request");
  return { admin, requester, account, requestId: result.requestId };
}

const DAY = 86_400_000;

describe("reminders", () => {
  it("are refused until 24 hours after submission, then email the admins once per 24 hours", async () => {
    const { admin, requester, requestId } = await pendingRequest();
    const early = await failure(sendReminder.execute(actorOf(requester), { requestId }));
    expect(early.code).toBe("RATE_LIMITED");
    expect(early.details.seconds).toBeGreaterThan(23 * 3600);

    await db.accessRequest.update({
      where: { id: requestId },
      data: { createdAt: new Date(Date.now() - 2 * DAY) },
    });
    await expect(sendReminder.execute(actorOf(requester), { requestId })).resolves.toEqual({
      notifiedAdmins: 1,
    });
    const request = await db.accessRequest.findUniqueOrThrow({ where: { id: requestId } });
    expect(request.reminderCount).toBe(1);
    expect(request.lastRemindedAt).not.toBeNull();
    const reminders = await db.emailMessage.findMany({
      where: { requestId, to: admin.email },
      orderBy: { createdAt: "asc" },
    });
    expect(reminders.map((email) => (email.payload as { reminder: boolean }).reminder)).toEqual([
      false,
      true,
    ]);

    const again = await failure(sendReminder.execute(actorOf(requester), { requestId }));
    expect(again.code).toBe("RATE_LIMITED");
    expect(new Date(String(again.details.nextReminderAt)).getTime()).toBeGreaterThan(
      Date.now() + 23 * 3600_000,
    );
    expect(
      await db.auditEvent.count({ where: { subjectId: requestId, action: "request.reminded" } }),
    ).toBe(1);
  });

  it("sent five times at once go out once", async () => {
    const { admin, requester, requestId } = await pendingRequest();
    await db.accessRequest.update({
      where: { id: requestId },
      data: { createdAt: new Date(Date.now() - 2 * DAY) },
    });
    const outcomes = await Promise.allSettled(
      Array.from({ length: 5 }, () => sendReminder.execute(actorOf(requester), { requestId })),
    );
    expect(outcomes.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    expect(
      (await db.accessRequest.findUniqueOrThrow({ where: { id: requestId } })).reminderCount,
    ).toBe(1);
    expect(await db.emailMessage.count({ where: { requestId, to: admin.email } })).toBe(2);
  });

  it("cannot be sent for someone else's request or a decided one", async () => {
    const { requester, requestId } = await pendingRequest();
    const stranger = await createUser();
    await db.accessRequest.update({
      where: { id: requestId },
      data: { createdAt: new Date(Date.now() - 2 * DAY) },
    });
    expect((await failure(sendReminder.execute(actorOf(stranger), { requestId }))).code).toBe(
      "NOT_FOUND",
    );
    await db.accessRequest.update({ where: { id: requestId }, data: { status: "DENIED" } });
    const decided = await failure(sendReminder.execute(actorOf(requester), { requestId }));
    expect(decided.code).toBe("CONFLICT");
    expect(decided.details).toEqual({ status: "DENIED" });
  });
});

describe("withdrawing", () => {
  it("makes the request WITHDRAWN, audited, and lets the requester ask again", async () => {
    const { requester, account, requestId } = await pendingRequest();
    await expect(withdrawRequest.execute(actorOf(requester), { requestId })).resolves.toEqual({
      status: "WITHDRAWN",
    });
    expect((await db.accessRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe(
      "WITHDRAWN",
    );
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { subjectId: requestId, action: "request.withdrawn" },
    });
    expect(audit).toMatchObject({
      actorId: requester.id,
      before: { status: "PENDING" },
      after: { status: "WITHDRAWN" },
    });

    const again = await failure(withdrawRequest.execute(actorOf(requester), { requestId }));
    expect(again.code).toBe("CONFLICT");
    const domain = (await db.accountDomain.findFirstOrThrow({ where: { accountId: account.id } }))
      .domain;
    const retry = await submitRequest.execute(actorOf(requester), {
      accountId: account.id,
      domain,
      reason,
    });
    expect(retry.outcome).toBe("created");
  });

  it("is refused for someone else's request, which stays pending", async () => {
    const { requestId } = await pendingRequest();
    const stranger = await createUser();
    expect((await failure(withdrawRequest.execute(actorOf(stranger), { requestId }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await db.accessRequest.findUniqueOrThrow({ where: { id: requestId } })).status).toBe(
      "PENDING",
    );
  });
});

describe("support cases", () => {
  it("are stored with the request and emailed to support staff", async () => {
    const support = await createUser({ platformRole: "SUPPORT" });
    const { requester, requestId } = await pendingRequest();
    const { supportCaseId } = await openSupportCase.execute(actorOf(requester), {
      requestId,
      message: "Nobody has answered for a week.",
    });
    const stored = await db.supportCase.findUniqueOrThrow({ where: { id: supportCaseId } });
    expect(stored).toMatchObject({
      requestId,
      openedById: requester.id,
      status: "OPEN",
      message: "Nobody has answered for a week.",
    });
    const email = await db.emailMessage.findFirstOrThrow({
      where: { to: support.email, template: "support-case-opened" },
    });
    expect(email.requestId).toBe(requestId);
    expect(
      await db.auditEvent.count({
        where: { subjectId: requestId, action: "request.supportCaseOpened" },
      }),
    ).toBe(1);

    // The requester's list counts the request's cases.
    await openSupportCase.execute(actorOf(requester), {
      requestId,
      message: "Still nothing, a second time.",
    });
    const { requests } = await listMyRequests(requester.id, 1);
    expect(requests.map((request) => [request.id, request.supportCases])).toEqual([[requestId, 2]]);
  });

  it("cannot be opened on someone else's request", async () => {
    const { requestId } = await pendingRequest();
    const stranger = await createUser();
    const error = await failure(
      openSupportCase.execute(actorOf(stranger), {
        requestId,
        message: "Let me see this request please.",
      }),
    );
    expect(error.code).toBe("NOT_FOUND");
    expect(await db.supportCase.count({ where: { requestId } })).toBe(0);
  });
});

describe("profile updates", () => {
  it("are validated on the server and audited with before and after", async () => {
    const user = await createUser({ company: null, phone: null });
    const bad = await failure(
      updateProfile.execute(actorOf(user), {
        firstName: "",
        lastName: "X",
        company: "C",
        jobTitle: "J",
        country: "ZZ",
        phone: "call me",
      }),
    );
    expect(bad.details).toEqual({
      fieldErrors: { firstName: "required", country: "country", phone: "phone" },
    });

    await updateProfile.execute(actorOf(user), {
      firstName: "Ana",
      lastName: "Lopez",
      company: "Contoso",
      jobTitle: "Buyer",
      country: "ES",
      phone: "+34 600 000 000",
    });
    const saved = await db.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(saved).toMatchObject({
      firstName: "Ana",
      company: "Contoso",
      country: "ES",
      phone: "+34 600 000 000",
    });
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { subjectId: user.id, action: "profile.updated" },
    });
    expect(audit.before).toMatchObject({ company: null, phone: null });
    expect(audit.after).toMatchObject({ company: "Contoso", phone: "+34 600 000 000" });
  });
});

describe("your access requests", () => {
  it("lists the requester's own requests, newest first, twenty a page", async () => {
    const requester = await createUser();
    const someoneElse = await createUser();
    const account = await createAccount({ domains: [uniqueDomain()] });
    const base = Date.now() - 100 * DAY;
    await db.accessRequest.createMany({
      data: Array.from({ length: 25 }, (_, i) => ({
        requesterId: requester.id,
        accountId: account.id,
        domain: "x.example",
        reason,
        status: "DENIED" as const,
        createdAt: new Date(base + i * DAY),
        expiresAt: new Date(base + (i + 30) * DAY),
      })),
    });
    await db.accessRequest.create({
      data: {
        requesterId: someoneElse.id,
        accountId: account.id,
        domain: "x.example",
        reason,
        expiresAt: new Date(),
      },
    });
    const first = await listMyRequests(requester.id, 1);
    const second = await listMyRequests(requester.id, 2);
    expect([first.total, first.pageCount, first.requests.length, second.requests.length]).toEqual([
      25, 2, 20, 5,
    ]);
    const dates = [...first.requests, ...second.requests].map((request) =>
      request.createdAt.getTime(),
    );
    expect(dates).toEqual([...dates].sort((a, b) => b - a));
    expect(first.requests.every((request) => request.nextReminderAt === null)).toBe(true);
    // A page number from a hostile query string is the first page, not an OFFSET the database refuses.
    const huge = await listMyRequests(requester.id, 1e22);
    expect([huge.page, huge.requests.length]).toEqual([1, 20]);
  });
});
