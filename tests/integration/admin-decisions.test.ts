import { describe, expect, it } from "vitest";
import { approveRequest, denyRequest } from "@/lib/admin/approve-or-deny";
import { decideInBulk } from "@/lib/admin/bulk-decision";
import { db } from "@/lib/db/client";
import { renderEmail } from "@/lib/mail/render";
import {
  createAccount,
  createAdmin,
  createMembership,
  createRequest,
  createUser,
} from "../factories";
import { appErrorOf } from "./app-error-of";

const decisionEvents = (requestId: string) =>
  db.auditEvent.findMany({
    where: { subjectId: requestId, action: { in: ["request.approved", "request.denied"] } },
  });

describe("approving and denying", () => {
  it("an admin approves with a role: APPROVED, membership, audit event and the requester's email together", async () => {
    const account = await createAccount({ name: "Approve Corp" });
    const admin = await createAdmin([account.id], { firstName: "Ada", lastName: "Admin" });
    const requester = await createUser({ firstName: "Rita", lastName: "Requester", locale: "fr" });
    const request = await createRequest({ accountId: account.id, requesterId: requester.id });

    const result = await approveRequest.execute(admin, { requestId: request.id, role: "VIEWER" });
    expect(result).toEqual({ status: "APPROVED", requesterName: "Rita Requester" });

    const decided = await db.accessRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(decided).toMatchObject({
      status: "APPROVED",
      grantedRole: "VIEWER",
      decidedById: admin.id,
      decisionNote: null,
    });
    expect(decided.decidedAt).toBeInstanceOf(Date);
    const membership = await db.membership.findUniqueOrThrow({
      where: { userId_accountId: { userId: requester.id, accountId: account.id } },
    });
    expect(membership).toMatchObject({ role: "VIEWER", active: true });

    const [event] = await decisionEvents(request.id);
    expect(event).toMatchObject({
      actorId: admin.id,
      action: "request.approved",
      before: { status: "PENDING" },
    });
    expect(event!.after).toMatchObject({
      status: "APPROVED",
      role: "VIEWER",
      membershipId: membership.id,
    });
    expect(event!.after).not.toHaveProperty("onBehalfOfAccount");

    const emails = await db.emailMessage.findMany({ where: { requestId: request.id } });
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({
      to: requester.email,
      template: "request-approved",
      locale: "fr",
    });
    const rendered = await renderEmail(emails[0]!.template, "fr", emails[0]!.payload);
    expect(rendered.subject).toContain("Approve Corp");
    expect(rendered.text).toContain("Lecteur");
    expect(rendered.text).toContain("Ada Admin");
  });

  it("the role defaults to USER, and an inactive former membership is given back with the new role", async () => {
    const account = await createAccount();
    const admin = await createAdmin([account.id]);
    const requester = await createUser();
    await createMembership(requester.id, account.id, "ADMIN", { active: false });
    const request = await createRequest({ accountId: account.id, requesterId: requester.id });
    await approveRequest.execute(admin, { requestId: request.id });
    const membership = await db.membership.findUniqueOrThrow({
      where: { userId_accountId: { userId: requester.id, accountId: account.id } },
    });
    expect(membership).toMatchObject({ role: "USER", active: true });
    const [event] = await decisionEvents(request.id);
    expect(event!.after).toMatchObject({ previousMembership: { role: "ADMIN", active: false } });
  });

  it("an admin denies with a reason; the requester is emailed the reason and gets no membership", async () => {
    const account = await createAccount({ name: "Deny Corp" });
    const admin = await createAdmin([account.id]);
    const request = await createRequest({ accountId: account.id });
    await denyRequest.execute(admin, {
      requestId: request.id,
      reason: "  Ask your reseller instead.  ",
    });

    expect(await db.accessRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: "DENIED",
      decisionNote: "Ask your reseller instead.",
      grantedRole: null,
      decidedById: admin.id,
    });
    expect(
      await db.membership.count({ where: { accountId: account.id, userId: request.requesterId } }),
    ).toBe(0);
    const [event] = await decisionEvents(request.id);
    expect(event!.after).toMatchObject({ status: "DENIED", reason: "Ask your reseller instead." });
    const [email] = await db.emailMessage.findMany({ where: { requestId: request.id } });
    expect(email!.template).toBe("request-denied");
    expect((await renderEmail(email!.template, "en", email!.payload)).text).toContain(
      "Ask your reseller instead.",
    );
  });

  it("a denial without a reason says no reason was given; a reason over 1000 characters is refused", async () => {
    const account = await createAccount();
    const admin = await createAdmin([account.id]);
    const request = await createRequest({ accountId: account.id });
    const tooLong = await appErrorOf(
      denyRequest.execute(admin, { requestId: request.id, reason: "x".repeat(1001) }),
    );
    expect(tooLong).toMatchObject({
      code: "VALIDATION",
      details: { fieldErrors: { reason: "reasonTooLong" } },
    });
    await denyRequest.execute(admin, { requestId: request.id, reason: "   " });
    expect(
      (await db.accessRequest.findUniqueOrThrow({ where: { id: request.id } })).decisionNote,
    ).toBeNull();
    const [email] = await db.emailMessage.findMany({ where: { requestId: request.id } });
    expect((await renderEmail(email!.template, "en", email!.payload)).text).toContain(
      "No reason was given",
    );
  });

  it("an unknown role is refused before anything happens", async () => {
    const account = await createAccount();
    const admin = await createAdmin([account.id]);
    const request = await createRequest({ accountId: account.id });
    const failure = await appErrorOf(
      approveRequest.execute(admin, { requestId: request.id, role: "OWNER" }),
    );
    expect(failure).toMatchObject({
      code: "VALIDATION",
      details: { fieldErrors: { role: "roleInvalid" } },
    });
    expect((await db.accessRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe(
      "PENDING",
    );
  });
});

describe("first decision wins", () => {
  it("50 concurrent decisions on one request: exactly one decision, one membership, one email; the others are told who decided", async () => {
    const account = await createAccount();
    const admins = await Promise.all(
      Array.from({ length: 5 }, (_, i) => createAdmin([account.id], { firstName: `Admin${i}` })),
    );
    const request = await createRequest({ accountId: account.id });

    const attempts = Array.from({ length: 50 }, (_, i) => {
      const admin = admins[i % admins.length]!;
      return i % 2 === 0
        ? approveRequest.execute(admin, { requestId: request.id, role: "USER" })
        : denyRequest.execute(admin, { requestId: request.id, reason: `No (${i})` });
    });
    const settled = await Promise.allSettled(attempts);

    const won = settled.filter((outcome) => outcome.status === "fulfilled");
    const lost = settled.filter(
      (outcome): outcome is PromiseRejectedResult => outcome.status === "rejected",
    );
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    const final = await db.accessRequest.findUniqueOrThrow({
      where: { id: request.id },
      include: { decidedBy: true },
    });
    for (const failure of lost) {
      expect(failure.reason).toMatchObject({
        code: "CONFLICT",
        details: {
          status: final.status,
          decidedBy: `${final.decidedBy!.firstName} User`,
          decidedAt: final.decidedAt!.toISOString(),
        },
      });
    }
    expect(
      await db.membership.count({ where: { accountId: account.id, userId: request.requesterId } }),
    ).toBe(final.status === "APPROVED" ? 1 : 0);
    expect(await db.emailMessage.count({ where: { requestId: request.id } })).toBe(1);
    expect(await decisionEvents(request.id)).toHaveLength(1);
  });

  it("a request that expired or was withdrawn cannot be decided and says so", async () => {
    const account = await createAccount();
    const admin = await createAdmin([account.id]);
    for (const status of ["EXPIRED", "WITHDRAWN"] as const) {
      const request = await createRequest({ accountId: account.id, status });
      const failure = await appErrorOf(approveRequest.execute(admin, { requestId: request.id }));
      expect(failure).toMatchObject({ code: "CONFLICT", details: { status, decidedBy: null } });
    }
  });
});

describe("who may decide", () => {
  it("nobody decides their own request, not even an administrator of the account", async () => {
    const account = await createAccount();
    const admin = await createAdmin([account.id]);
    const own = await createRequest({ accountId: account.id, requesterId: admin.id });
    expect(
      (await appErrorOf(approveRequest.execute(admin, { requestId: own.id, role: "ADMIN" }))).code,
    ).toBe("NOT_FOUND");
    expect((await db.accessRequest.findUniqueOrThrow({ where: { id: own.id } })).status).toBe(
      "PENDING",
    );
  });

  it("support staff never decide, even when they administer the account", async () => {
    const account = await createAccount();
    const support = await createAdmin([account.id], { platformRole: "SUPPORT" });
    const request = await createRequest({ accountId: account.id });
    expect(
      (await appErrorOf(approveRequest.execute(support, { requestId: request.id }))).code,
    ).toBe("FORBIDDEN");
    expect((await appErrorOf(denyRequest.execute(support, { requestId: request.id }))).code).toBe(
      "FORBIDDEN",
    );
    expect(
      (
        await appErrorOf(
          decideInBulk.execute(support, { decision: "approve", requestIds: [request.id] }),
        )
      ).code,
    ).toBe("FORBIDDEN");
    expect((await db.accessRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe(
      "PENDING",
    );
  });

  it("an admin whose membership is inactive, or whose account is inactive, decides nothing", async () => {
    const account = await createAccount();
    const former = await createUser();
    await createMembership(former.id, account.id, "ADMIN", { active: false });
    const user = await createUser();
    await createMembership(user.id, account.id, "USER");
    const request = await createRequest({ accountId: account.id });
    expect((await appErrorOf(approveRequest.execute(former, { requestId: request.id }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await appErrorOf(approveRequest.execute(user, { requestId: request.id }))).code).toBe(
      "NOT_FOUND",
    );

    const admin = await createAdmin([account.id]);
    await db.account.update({ where: { id: account.id }, data: { status: "INACTIVE" } });
    expect((await appErrorOf(approveRequest.execute(admin, { requestId: request.id }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await db.accessRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe(
      "PENDING",
    );
  });

  it("a super administrator decides an escalated request on behalf of the account, and no other", async () => {
    const account = await createAccount({ name: "Escalated Corp" });
    const superadmin = await createUser({
      platformRole: "SUPERADMIN",
      firstName: "Sasha",
      lastName: "Super",
    });
    const waiting = await createRequest({ accountId: account.id });
    expect(
      (await appErrorOf(approveRequest.execute(superadmin, { requestId: waiting.id }))).code,
    ).toBe("NOT_FOUND");

    const escalated = await createRequest({
      accountId: account.id,
      daysAgo: 9,
      escalatedAt: new Date(),
    });
    await approveRequest.execute(superadmin, { requestId: escalated.id, role: "USER" });
    const [event] = await decisionEvents(escalated.id);
    expect(event).toMatchObject({ actorId: superadmin.id });
    expect(event!.after).toMatchObject({ onBehalfOfAccount: true, accountId: account.id });
    const [email] = await db.emailMessage.findMany({ where: { requestId: escalated.id } });
    expect((await renderEmail(email!.template, "en", email!.payload)).text).toContain(
      "Sasha Super, licensing support team",
    );
  });
});

describe("bulk decisions", () => {
  it("decides the pending ones and reports those already decided and those it may not touch", async () => {
    const account = await createAccount();
    const other = await createAccount();
    const admin = await createAdmin([account.id]);
    const colleague = await createAdmin([account.id], {
      firstName: "Colin",
      lastName: "Colleague",
    });
    const pending = await Promise.all(
      [1, 2, 3].map((daysAgo) => createRequest({ accountId: account.id, daysAgo })),
    );
    const approvedByColleague = await createRequest({
      accountId: account.id,
      status: "APPROVED",
      decidedById: colleague.id,
    });
    const withdrawn = await createRequest({ accountId: account.id, status: "WITHDRAWN" });
    const foreign = await createRequest({ accountId: other.id });

    const result = await decideInBulk.execute(admin, {
      decision: "approve",
      role: "VIEWER",
      requestIds: [
        ...pending.map((r) => r.id),
        approvedByColleague.id,
        withdrawn.id,
        foreign.id,
        "no-such-request",
        pending[0]!.id,
      ],
    });

    expect(result.decided.map((d) => d.requestId).sort()).toEqual(pending.map((r) => r.id).sort());
    expect(result.alreadyDecided).toHaveLength(2);
    expect(result.alreadyDecided.find((d) => d.requestId === approvedByColleague.id)).toMatchObject(
      { status: "APPROVED", decidedBy: "Colin Colleague" },
    );
    expect(result.alreadyDecided.find((d) => d.requestId === withdrawn.id)).toMatchObject({
      status: "WITHDRAWN",
      decidedBy: null,
    });
    expect(result.notFound.sort()).toEqual([foreign.id, "no-such-request"].sort());

    for (const request of pending) {
      expect(
        await db.membership.findUniqueOrThrow({
          where: { userId_accountId: { userId: request.requesterId, accountId: account.id } },
        }),
      ).toMatchObject({ role: "VIEWER" });
      const [event] = await decisionEvents(request.id);
      expect(event!.after).toMatchObject({ bulk: true, role: "VIEWER" });
    }
    expect(
      await db.emailMessage.count({
        where: { template: "request-approved", requestId: { in: pending.map((r) => r.id) } },
      }),
    ).toBe(3);
    expect(
      await db.emailMessage.count({
        where: { requestId: { in: [approvedByColleague.id, withdrawn.id, foreign.id] } },
      }),
    ).toBe(0);
    expect((await db.accessRequest.findUniqueOrThrow({ where: { id: foreign.id } })).status).toBe(
      "PENDING",
    );
  });

  it("bulk deny gives every requester the same reason", async () => {
    const account = await createAccount();
    const admin = await createAdmin([account.id]);
    const requests = await Promise.all(
      [1, 2].map((daysAgo) => createRequest({ accountId: account.id, daysAgo })),
    );
    const result = await decideInBulk.execute(admin, {
      decision: "deny",
      reason: "Duplicate accounts",
      requestIds: requests.map((r) => r.id),
    });
    expect(result.decided).toHaveLength(2);
    const rows = await db.accessRequest.findMany({
      where: { id: { in: requests.map((r) => r.id) } },
    });
    expect(
      rows.every((row) => row.status === "DENIED" && row.decisionNote === "Duplicate accounts"),
    ).toBe(true);
  });

  it("refuses more than 100 requests, or none", async () => {
    const account = await createAccount();
    const admin = await createAdmin([account.id]);
    const ids = Array.from({ length: 101 }, (_, i) => `id-${i}`);
    expect(
      await appErrorOf(decideInBulk.execute(admin, { decision: "approve", requestIds: ids })),
    ).toMatchObject({
      code: "VALIDATION",
      details: { fieldErrors: { requestIds: "tooMany" } },
    });
    expect(
      await appErrorOf(decideInBulk.execute(admin, { decision: "deny", requestIds: [] })),
    ).toMatchObject({
      code: "VALIDATION",
      details: { fieldErrors: { requestIds: "noneSelected" } },
    });
  });

  it("overlapping bulk decisions and single decisions at once decide each request exactly once, without deadlock", async () => {
    const account = await createAccount();
    const admins = await Promise.all([1, 2, 3].map(() => createAdmin([account.id])));
    const requests = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        createRequest({ accountId: account.id, daysAgo: 1 + i / 100 }),
      ),
    );
    const ids = requests.map((r) => r.id);
    const [bulkA, bulkB, bulkC, ...singles] = await Promise.all([
      decideInBulk.execute(admins[0]!, { decision: "approve", requestIds: ids }),
      decideInBulk.execute(admins[1]!, { decision: "deny", requestIds: [...ids].reverse() }),
      decideInBulk.execute(admins[2]!, {
        decision: "approve",
        role: "ADMIN",
        requestIds: ids.slice(10, 20),
      }),
      ...ids.slice(0, 5).map((requestId) =>
        denyRequest.execute(admins[2]!, { requestId }).then(
          () => requestId,
          (error: { code?: string }) => (error.code === "CONFLICT" ? null : Promise.reject(error)),
        ),
      ),
    ]);
    // Every bulk call went through (no deadlock aborted one), and each request was decided once.
    const decided = [bulkA!, bulkB!, bulkC!].flatMap((result) =>
      result.decided.map((d) => d.requestId),
    );
    decided.push(...singles.filter((id): id is string => typeof id === "string"));
    expect(decided.sort()).toEqual([...ids].sort());
    for (const id of ids) expect(await decisionEvents(id)).toHaveLength(1);
    expect(await db.emailMessage.count({ where: { requestId: { in: ids } } })).toBe(30);
    expect(await db.accessRequest.count({ where: { id: { in: ids }, status: "PENDING" } })).toBe(0);
  });
});

describe("requests that can no longer be decided", () => {
  it("an overdue request is refused before the sweep expires it: no decision, no membership, no email", async () => {
    const account = await createAccount();
    const admin = await createAdmin([account.id]);
    const request = await createRequest({
      accountId: account.id,
      expiresAt: new Date(Date.now() - 60_000),
    });

    const refusal = await appErrorOf(
      approveRequest.execute(admin, { requestId: request.id, role: "USER" }),
    );
    expect(refusal).toEqual({
      code: "CONFLICT",
      details: { fieldErrors: { _form: "requestExpired" } },
    });
    expect(await db.accessRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: "PENDING",
      decidedById: null,
    });
    expect(
      await db.membership.count({ where: { accountId: account.id, userId: request.requesterId } }),
    ).toBe(0);
    expect(await db.emailMessage.count({ where: { requestId: request.id } })).toBe(0);
    expect(await decisionEvents(request.id)).toHaveLength(0);
  });

  it("a disabled requester's request is refused, alone and in bulk", async () => {
    const account = await createAccount();
    const admin = await createAdmin([account.id]);
    const requester = await createUser();
    await db.user.update({ where: { id: requester.id }, data: { disabledAt: new Date() } });
    const request = await createRequest({ accountId: account.id, requesterId: requester.id });
    const other = await createRequest({ accountId: account.id });

    const refusal = await appErrorOf(denyRequest.execute(admin, { requestId: request.id }));
    expect(refusal).toEqual({
      code: "CONFLICT",
      details: { fieldErrors: { _form: "requesterDisabled" } },
    });

    const bulk = await decideInBulk.execute(admin, {
      requestIds: [request.id, other.id],
      decision: "approve",
      role: "USER",
    });
    expect(bulk.decided.map((item) => item.requestId)).toEqual([other.id]);
    expect(bulk.refused).toEqual([
      {
        requestId: request.id,
        outcome: "refused",
        reason: "requesterDisabled",
        requesterName: expect.any(String),
      },
    ]);
    expect(await db.accessRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: "PENDING",
    });
    expect(
      await db.membership.count({ where: { accountId: account.id, userId: requester.id } }),
    ).toBe(0);
  });
});
