import { describe, expect, it } from "vitest";
import { lookupAccounts } from "@/lib/accounts/lookup-accounts";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { submitRequest } from "@/lib/requests/submit-request";
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

describe("domain lookup", () => {
  it("finds every active account of an identifier, normalising what the requester typed", async () => {
    const domain = uniqueDomain();
    const requester = await createUser();
    const a = await createAccount({ name: "Alpha", domains: [domain] });
    const b = await createAccount({ name: "Beta", domains: [domain, uniqueDomain()] });
    await createAccount({ name: "Gamma (inactive)", domains: [domain], status: "INACTIVE" });
    const result = await lookupAccounts(actorOf(requester), {
      identifier: `  HTTPS://${domain.toUpperCase()}/login `,
    });
    expect(result.domain).toBe(domain);
    expect(result.accounts).toEqual([
      { id: a.id, name: "Alpha", domain },
      { id: b.id, name: "Beta", domain },
    ]);
  });

  it("answers an unknown identifier and one of inactive accounts alike", async () => {
    const requester = actorOf(await createUser());
    const inactive = uniqueDomain();
    await createAccount({ domains: [inactive], status: "INACTIVE" });
    const unknown = await lookupAccounts(requester, { identifier: uniqueDomain() });
    const onlyInactive = await lookupAccounts(requester, { identifier: inactive });
    expect(unknown.accounts).toEqual([]);
    expect(onlyInactive.accounts).toEqual([]);
    expect(Object.keys(onlyInactive)).toEqual(Object.keys(unknown));
  });

  it("gives a field message for a malformed identifier", async () => {
    const error = await failure(
      lookupAccounts(actorOf(await createUser()), { identifier: "not a domain" }),
    );
    expect(error.code).toBe("VALIDATION");
    expect(error.details).toEqual({ fieldErrors: { identifier: "format" } });
  });

  it("is rate-limited per user, with the seconds to wait", async () => {
    const requester = actorOf(await createUser());
    const other = actorOf(await createUser());
    for (let i = 0; i < 20; i += 1) await lookupAccounts(requester, { identifier: uniqueDomain() });
    const error = await failure(lookupAccounts(requester, { identifier: uniqueDomain() }));
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.details.seconds).toBeGreaterThan(0);
    expect(error.details.seconds).toBeLessThanOrEqual(60);
    // Another user is not affected.
    await expect(lookupAccounts(other, { identifier: uniqueDomain() })).resolves.toMatchObject({
      accounts: [],
    });
  });
});

describe("submitting a request", () => {
  it("records the request and its audit event, and emails every active admin in their language", async () => {
    const domain = uniqueDomain();
    const requester = await createUser({
      firstName: "Rita",
      lastName: "Quest",
      company: "Northwind",
    });
    const adminEn = await createUser({ locale: "en" });
    const adminFr = await createUser({ locale: "fr" });
    const inactiveAdmin = await createUser();
    const disabledAdmin = await createUser({ disabledAt: new Date() });
    const plainUser = await createUser();
    const account = await createAccount({
      name: "Acme Test",
      domains: [domain],
      members: [
        { userId: adminEn.id, role: "ADMIN" },
        { userId: adminFr.id, role: "ADMIN" },
        { userId: inactiveAdmin.id, role: "ADMIN", active: false },
        { userId: disabledAdmin.id, role: "ADMIN" },
        { userId: plainUser.id, role: "USER" },
      ],
    });

    const result = await submitRequest.execute(actorOf(requester), {
      accountId: account.id,
      domain,
      reason: `  ${reason}  `,
    });
    expect(result).toMatchObject({
      outcome: "created",
      accountName: "Acme Test",
      noActiveAdmin: false,
    });
    if (result.outcome !== "created") throw new Error("unreachable");

    const request = await db.accessRequest.findUniqueOrThrow({ where: { id: result.requestId } });
    expect(request).toMatchObject({
      status: "PENDING",
      requesterId: requester.id,
      accountId: account.id,
      domain,
      reason,
      escalatedAt: null,
    });
    const ttlDays = (request.expiresAt.getTime() - request.createdAt.getTime()) / 86_400_000;
    expect(Math.round(ttlDays)).toBe(30);

    const emails = await db.emailMessage.findMany({
      where: { requestId: request.id },
      orderBy: { to: "asc" },
    });
    expect(emails.map((email) => [email.to, email.locale, email.template]).sort()).toEqual(
      [
        [adminEn.email, "en", "request-to-admins"],
        [adminFr.email, "fr", "request-to-admins"],
      ].sort(),
    );
    expect(emails[0]!.payload).toMatchObject({
      requesterName: "Rita Quest",
      company: "Northwind",
      accountName: "Acme Test",
      reason,
      reminder: false,
    });
    expect((emails[0]!.payload as { url: string }).url).toMatch(
      new RegExp(`/admin/requests/${request.id}$`),
    );

    const audit = await db.auditEvent.findMany({ where: { subjectId: request.id } });
    expect(audit.map((event) => [event.action, event.actorId])).toEqual([
      ["request.submitted", requester.id],
    ]);
  });

  it("still records a request for an account with no active admin, and escalates it to support", async () => {
    const domain = uniqueDomain();
    const support = await createUser({ platformRole: "SUPPORT", locale: "fr" });
    const formerAdmin = await createUser();
    const account = await createAccount({
      domains: [domain],
      members: [{ userId: formerAdmin.id, role: "ADMIN", active: false }],
    });
    const result = await submitRequest.execute(actorOf(await createUser()), {
      accountId: account.id,
      domain,
      reason,
    });
    expect(result).toMatchObject({ outcome: "created", noActiveAdmin: true });
    if (result.outcome !== "created") throw new Error("unreachable");
    const request = await db.accessRequest.findUniqueOrThrow({ where: { id: result.requestId } });
    expect(request.escalatedAt).not.toBeNull();
    const emails = await db.emailMessage.findMany({ where: { requestId: request.id } });
    expect(emails.map((email) => [email.to, email.template, email.locale])).toContainEqual([
      support.email,
      "request-escalated",
      "fr",
    ]);
    expect(emails.some((email) => email.to === formerAdmin.email)).toBe(false);
    const actions = (await db.auditEvent.findMany({ where: { subjectId: request.id } })).map(
      (event) => event.action,
    );
    expect(actions.sort()).toEqual(["request.escalated", "request.submitted"]);
  });

  it("tells a member they already have access and creates nothing", async () => {
    const domain = uniqueDomain();
    const member = await createUser();
    const account = await createAccount({
      domains: [domain],
      members: [{ userId: member.id, role: "VIEWER" }],
    });
    const result = await submitRequest.execute(actorOf(member), {
      accountId: account.id,
      domain,
      reason,
    });
    expect(result).toEqual({ outcome: "alreadyMember", accountName: account.name, role: "VIEWER" });
    expect(await db.accessRequest.count({ where: { accountId: account.id } })).toBe(0);
  });

  it("shows the pending request instead of creating a second one", async () => {
    const domain = uniqueDomain();
    const admin = await createUser();
    const requester = actorOf(await createUser());
    const account = await createAccount({
      domains: [domain],
      members: [{ userId: admin.id, role: "ADMIN" }],
    });
    const first = await submitRequest.execute(requester, { accountId: account.id, domain, reason });
    const second = await submitRequest.execute(requester, {
      accountId: account.id,
      domain,
      reason: "Another reason for the same account.",
    });
    if (first.outcome !== "created") throw new Error("first submit should create");
    expect(second).toMatchObject({ outcome: "alreadyPending", requestId: first.requestId });
    expect(await db.accessRequest.count({ where: { accountId: account.id } })).toBe(1);
    expect(await db.emailMessage.count({ where: { to: admin.email } })).toBe(1);
  });

  it("twenty identical submits sent at once create exactly one request", async () => {
    const domain = uniqueDomain();
    const admin = await createUser();
    const requester = actorOf(await createUser());
    const account = await createAccount({
      domains: [domain],
      members: [{ userId: admin.id, role: "ADMIN" }],
    });
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        submitRequest.execute(requester, { accountId: account.id, domain, reason }),
      ),
    );
    const requests = await db.accessRequest.findMany({ where: { accountId: account.id } });
    expect(requests).toHaveLength(1);
    expect(results.filter((r) => r.outcome === "created")).toHaveLength(1);
    expect(
      results.every((r) => r.outcome !== "alreadyMember" && r.requestId === requests[0]!.id),
    ).toBe(true);
    expect(await db.emailMessage.count({ where: { requestId: requests[0]!.id } })).toBe(1);
    expect(await db.auditEvent.count({ where: { subjectId: requests[0]!.id } })).toBe(1);
  });

  it("refuses a requester whose profile is incomplete, naming the missing fields", async () => {
    const domain = uniqueDomain();
    const account = await createAccount({ domains: [domain] });
    const requester = await createUser({ company: null, phone: "  " });
    const error = await failure(
      submitRequest.execute(actorOf(requester), { accountId: account.id, domain, reason }),
    );
    expect(error.code).toBe("VALIDATION");
    expect(error.details).toMatchObject({
      missing: ["company", "phone"],
      fieldErrors: { _form: "profileIncomplete" },
    });
    expect(await db.accessRequest.count({ where: { accountId: account.id } })).toBe(0);
  });

  it("refuses an inactive account, or an account that does not have that identifier, with the same answer", async () => {
    const requester = actorOf(await createUser());
    const domain = uniqueDomain();
    const inactive = await createAccount({ domains: [domain], status: "INACTIVE" });
    const other = await createAccount({ domains: [uniqueDomain()] });
    const a = await failure(
      submitRequest.execute(requester, { accountId: inactive.id, domain, reason }),
    );
    const b = await failure(
      submitRequest.execute(requester, { accountId: other.id, domain, reason }),
    );
    expect([a.code, b.code]).toEqual(["NOT_FOUND", "NOT_FOUND"]);
    expect(
      await db.accessRequest.count({ where: { accountId: { in: [inactive.id, other.id] } } }),
    ).toBe(0);
  });

  it("checks the reason's length on the server", async () => {
    const domain = uniqueDomain();
    const account = await createAccount({ domains: [domain] });
    const requester = actorOf(await createUser());
    const short = await failure(
      submitRequest.execute(requester, { accountId: account.id, domain, reason: "too short" }),
    );
    const long = await failure(
      submitRequest.execute(requester, { accountId: account.id, domain, reason: "x".repeat(1001) }),
    );
    expect(short.details).toEqual({ fieldErrors: { reason: "reasonTooShort" } });
    expect(long.details).toEqual({ fieldErrors: { reason: "reasonTooLong" } });
  });
});
