import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { sendReminder } from "@/lib/requests/send-reminder";
import { submitRequest } from "@/lib/requests/submit-request";
import { escalateWaitingRequests } from "@/lib/requests/sweep";
import { createAccount, createAdmin, createRequest, createUser } from "../factories";

const DAY_MS = 24 * 3600_000;
const ago = (days: number) => new Date(Date.now() - days * DAY_MS);
const reason = "I manage our licences and need to see this account.";

/** What support staff see of a request's escalation: its timestamp, its audit events, the emails to one staff member. */
async function escalationOf(requestId: string, supportEmail: string) {
  const request = await db.accessRequest.findUniqueOrThrow({
    where: { id: requestId },
    select: { escalatedAt: true },
  });
  const events = await db.auditEvent.findMany({
    where: { action: "request.escalated", subjectId: requestId },
    select: { actorId: true, after: true },
  });
  const emails = await db.emailMessage.count({
    where: { requestId, to: supportEmail, template: "request-escalated" },
  });
  return { escalatedAt: request.escalatedAt, events, emails };
}

/** Lets the requester send the next reminder now. */
async function reminderDue(requestId: string) {
  await db.accessRequest.update({
    where: { id: requestId },
    data: { createdAt: ago(2), lastRemindedAt: ago(2) },
  });
}

describe("escalation, decided once for every path", () => {
  // The sweep would escalate requests left by the other tests of this file.
  beforeEach(async () => {
    await db.accessRequest.deleteMany();
  });

  it("a reminder for an account with no active administrator records the escalation: timestamp, audit event and support email, once", async () => {
    const support = await createUser({ platformRole: "SUPPORT" });
    const account = await createAccount({ name: "Orphan Corp", domains: ["orphan-corp.example"] });
    const admin = await createAdmin([account.id]);
    const requester = await createUser();
    const submitted = await submitRequest.execute(requester, {
      accountId: account.id,
      domain: "orphan-corp.example",
      reason,
    });
    if (submitted.outcome !== "created") throw new Error("expected a new request");
    const { requestId } = submitted;
    expect((await escalationOf(requestId, support.email)).escalatedAt).toBeNull();

    await db.user.update({ where: { id: admin.id }, data: { disabledAt: new Date() } });
    await reminderDue(requestId);
    await expect(sendReminder.execute(requester, { requestId })).resolves.toEqual({
      notifiedAdmins: 0,
    });
    const first = await escalationOf(requestId, support.email);
    expect(first.escalatedAt).toBeInstanceOf(Date);
    expect(first.events).toEqual([{ actorId: null, after: { cause: "noActiveAdmin" } }]);
    expect(first.emails).toBe(1);

    await reminderDue(requestId);
    await expect(sendReminder.execute(requester, { requestId })).resolves.toEqual({
      notifiedAdmins: 0,
    });
    expect(await escalateWaitingRequests(db, { afterDays: 7 })).toBe(0);
    expect(await escalationOf(requestId, support.email)).toEqual(first);
    expect(
      await db.auditEvent.count({ where: { action: "request.reminded", subjectId: requestId } }),
    ).toBe(2);
  });

  it("a request escalated at submission is not escalated again by a reminder or the sweep", async () => {
    const support = await createUser({ platformRole: "SUPPORT" });
    const account = await createAccount({ name: "Nobody Corp", domains: ["nobody-corp.example"] });
    const requester = await createUser();
    const submitted = await submitRequest.execute(requester, {
      accountId: account.id,
      domain: "nobody-corp.example",
      reason,
    });
    if (submitted.outcome !== "created") throw new Error("expected a new request");
    const atSubmission = await escalationOf(submitted.requestId, support.email);
    expect(atSubmission.events).toHaveLength(1);
    expect(atSubmission.emails).toBe(1);

    await reminderDue(submitted.requestId);
    await sendReminder.execute(requester, { requestId: submitted.requestId });
    expect(await escalateWaitingRequests(db, { afterDays: 7 })).toBe(0);
    expect(await escalationOf(submitted.requestId, support.email)).toEqual(atSubmission);
  });

  it("a reminder and sweep workers reaching one request at once escalate it once", async () => {
    const support = await createUser({ platformRole: "SUPPORT" });
    const account = await createAccount();
    const requests = await Promise.all(
      Array.from({ length: 6 }, () => createRequest({ accountId: account.id, daysAgo: 2 })),
    );
    const requesters = await db.user.findMany({
      where: { id: { in: requests.map((request) => request.requesterId) } },
    });

    await Promise.all([
      ...requesters.map((requester) => {
        const request = requests.find((candidate) => candidate.requesterId === requester.id)!;
        return sendReminder.execute(requester, { requestId: request.id });
      }),
      escalateWaitingRequests(db, { afterDays: 7, batchSize: 2 }),
      escalateWaitingRequests(db, { afterDays: 7, batchSize: 2 }),
    ]);
    for (const request of requests) {
      const escalation = await escalationOf(request.id, support.email);
      expect(escalation.escalatedAt).toBeInstanceOf(Date);
      expect(escalation.events).toEqual([{ actorId: null, after: { cause: "noActiveAdmin" } }]);
      expect(escalation.emails).toBe(1);
    }
  });

  it("a reminder of a request pending longer than ESCALATE_AFTER_DAYS reaches the administrators and escalates it, once", async () => {
    const support = await createUser({ platformRole: "SUPPORT" });
    const account = await createAccount();
    await createAdmin([account.id]);
    const request = await createRequest({ accountId: account.id, daysAgo: 8 });
    const requester = await db.user.findUniqueOrThrow({ where: { id: request.requesterId } });

    await expect(sendReminder.execute(requester, { requestId: request.id })).resolves.toEqual({
      notifiedAdmins: 1,
    });
    const escalation = await escalationOf(request.id, support.email);
    expect(escalation.events).toEqual([{ actorId: null, after: { cause: "pendingTooLong" } }]);
    expect(escalation.emails).toBe(1);
    expect(await escalateWaitingRequests(db, { afterDays: 7 })).toBe(0);
  });
});
