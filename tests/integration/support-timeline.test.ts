import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { deliverDueEmails } from "@/lib/mail/worker";
import { membershipsAsSupport } from "@/lib/memberships/support-history";
import { openSupportCase } from "@/lib/requests/open-support-case";
import { submitRequest } from "@/lib/requests/submit-request";
import { addSupportCaseNote } from "@/lib/support/add-case-note";
import { viewRequestAsSupport } from "@/lib/support/request-details";
import type { AuditTimelineEntry, EmailTimelineEntry } from "@/lib/support/timeline";
import { viewUserAsSupport } from "@/lib/support/user-details";
import { startMailCatcher, type MailCatcher } from "../support/mail-catcher";
import { actorOf, createAccount, createUser, unique } from "../factories";

let catcher: MailCatcher;

beforeAll(async () => {
  catcher = await startMailCatcher();
});

afterAll(async () => {
  await catcher.stop();
});

/** A request that went through the real journey: submitted, mailed (one delivery failed), a support case with a note. */
async function journey() {
  const requester = await createUser({ firstName: "Rita", lastName: "Quester" });
  const alice = await createUser({ email: `alice.${unique()}@example.com`, firstName: "Alice" });
  const bob = await createUser({ email: `bob.${unique()}@example.com`, firstName: "Bob" });
  const former = await createUser({ email: `former.${unique()}@example.com`, firstName: "Former" });
  const support = await createUser({ platformRole: "SUPPORT", firstName: "Sam" });
  const domain = `d${unique()}.example`;
  const account = await createAccount({
    name: `Globex ${unique()}`,
    domains: [domain],
    admins: [{ userId: alice.id }, { userId: bob.id }, { userId: former.id, active: false }],
  });
  const submitted = await submitRequest.execute(actorOf(requester), {
    accountId: account.id,
    domain,
    reason: "I buy Globex licences for our team.",
  });
  if (submitted.outcome !== "created") throw new Error("expected a new request");
  const requestId = submitted.requestId;

  // The real worker, against a real SMTP server that refuses the first message: with one attempt
  // allowed, one administrator's email fails and the other's is sent.
  // Earlier tests' queued emails would otherwise take part in this delivery.
  await db.emailMessage.deleteMany({
    where: { status: "QUEUED", OR: [{ requestId: null }, { requestId: { not: requestId } }] },
  });
  catcher.refuseNext(1);
  const report = await deliverDueEmails({
    db,
    transport: nodemailer.createTransport(catcher.url),
    from: "Portal <portal@example.com>",
    maxAttempts: 1,
  });
  expect(report).toMatchObject({ sent: 1, failed: 1 });

  const { supportCaseId } = await openSupportCase.execute(actorOf(requester), {
    requestId,
    message: "Nobody has answered me for days.",
  });
  await addSupportCaseNote.execute(actorOf(support), {
    caseId: supportCaseId,
    body: "Called Alice, she will look today.",
  });
  return { requester, alice, bob, former, support, account, requestId, supportCaseId };
}

describe("a request's page in the support console", () => {
  it("shows the requester, the account's administrators and whether each is active", async () => {
    const { requester, alice, bob, former, support, requestId, account } = await journey();
    const view = await viewRequestAsSupport(support, requestId);
    expect(view?.request).toMatchObject({
      id: requestId,
      status: "PENDING",
      reason: "I buy Globex licences for our team.",
      requester: {
        id: requester.id,
        email: requester.email,
        firstName: "Rita",
        company: "Testing Inc.",
        phone: "+1 555 0100",
        country: "US",
      },
      account: {
        id: account.id,
        name: account.name,
        status: "ACTIVE",
        domains: [{ domain: account.domains[0]!.domain }],
      },
    });
    // By email: alice.…, bob.…, former.…
    expect(view?.admins.map((admin) => [admin.email, admin.active])).toEqual([
      [alice.email, true],
      [bob.email, true],
      [former.email, false],
    ]);
    expect(view?.request.supportCases).toHaveLength(1);
  });

  it("has a timeline of every audit event and every email, oldest first, with delivery status, attempts and errors", async () => {
    const { requester, alice, bob, support, requestId } = await journey();
    // Every support staff member (those of earlier tests too) was emailed about the case.
    const staff = await db.user.count({
      where: { platformRole: { in: ["SUPPORT", "SUPERADMIN"] }, disabledAt: null },
    });
    const view = await viewRequestAsSupport(support, requestId);
    const entries = view!.timeline.entries;
    const labels = entries.map((entry) =>
      entry.kind === "audit" ? entry.action : `email:${entry.template}`,
    );
    expect([...labels].sort()).toEqual(
      [
        "request.submitted",
        "email:request-to-admins",
        "email:request-to-admins",
        "request.supportCaseOpened",
        ...Array<string>(staff).fill("email:support-case-opened"),
        "supportCase.noteAdded",
        "request.viewed",
      ].sort(),
    );
    // The story reads in order: submitted, the administrators emailed, …, this very view last.
    expect(labels.slice(0, 3)).toEqual([
      "request.submitted",
      "email:request-to-admins",
      "email:request-to-admins",
    ]);
    expect(labels.indexOf("supportCase.noteAdded")).toBeGreaterThan(
      labels.indexOf("request.supportCaseOpened"),
    );
    expect(labels.at(-1)).toBe("request.viewed");
    const audits = entries.filter((entry): entry is AuditTimelineEntry => entry.kind === "audit");
    const [submitted, caseOpened, note, viewed] = audits;
    expect(submitted).toMatchObject({
      actor: { id: requester.id, email: requester.email },
      after: { status: "PENDING", reason: "I buy Globex licences for our team." },
    });
    expect(caseOpened).toMatchObject({
      actor: { id: requester.id },
      after: { message: "Nobody has answered me for days." },
    });
    expect(note).toMatchObject({
      subjectType: "SupportCase",
      actor: { id: support.id },
      after: { body: "Called Alice, she will look today." },
    });
    expect(viewed).toMatchObject({ actor: { id: support.id } });

    const emails = entries.filter((entry): entry is EmailTimelineEntry => entry.kind === "email");
    const toAdmins = emails.filter((email) => email.template === "request-to-admins");
    expect(toAdmins.map((email) => email.to).sort()).toEqual([alice.email, bob.email].sort());
    const sent = toAdmins.find((email) => email.status === "SENT")!;
    const failed = toAdmins.find((email) => email.status === "FAILED")!;
    expect(sent).toMatchObject({
      attempts: 1,
      lastError: null,
      subject: "Rita Quester requests access to " + view!.request.account.name,
    });
    expect(sent.sentAt).toBeInstanceOf(Date);
    expect(failed).toMatchObject({ attempts: 1, sentAt: null });
    expect(failed.lastError).toMatch(/451|Try again/);
    const toSupport = emails.find(
      (email) => email.template === "support-case-opened" && email.to === support.email,
    )!;
    expect(toSupport).toMatchObject({
      to: support.email,
      status: "QUEUED",
      attempts: 0,
      subject: "Support case opened by Rita Quester",
    });
    // Oldest first.
    const times = entries.map((entry) => entry.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("records each view as an audit event: who looked at whose request, and when", async () => {
    const { support, requestId } = await journey();
    const superadmin = await createUser({ platformRole: "SUPERADMIN" });
    const before = new Date();
    await viewRequestAsSupport(support, requestId);
    await viewRequestAsSupport(superadmin, requestId);
    const views = await db.auditEvent.findMany({
      where: { action: "request.viewed", subjectId: requestId },
      orderBy: { id: "asc" },
    });
    expect(views.map((view) => [view.actorId, view.subjectType])).toEqual([
      [support.id, "AccessRequest"],
      [superadmin.id, "AccessRequest"],
    ]);
    expect(views.every((view) => view.createdAt >= new Date(before.getTime() - 1000))).toBe(true);
  });

  it("answers null for an unknown request and records nothing", async () => {
    const support = await createUser({ platformRole: "SUPPORT" });
    const before = await db.auditEvent.count();
    expect(await viewRequestAsSupport(support, "no-such-request")).toBeNull();
    expect(await db.auditEvent.count()).toBe(before);
  });
});

describe("a user's page in the support console", () => {
  it("lists their memberships, requests and support cases, and records the view", async () => {
    const { requester, alice, support, requestId, supportCaseId, account } = await journey();
    const requesterView = await viewUserAsSupport(support, requester.id);
    expect(requesterView?.requests.map((request) => request.id)).toEqual([requestId]);
    expect(requesterView?.supportCases.map((supportCase) => supportCase.id)).toEqual([
      supportCaseId,
    ]);
    await viewUserAsSupport(support, alice.id);
    // The page's memberships section: membershipsAsSupport, as the memberships stand now.
    expect(await membershipsAsSupport(support, { userId: alice.id })).toEqual([
      expect.objectContaining({
        role: "ADMIN",
        active: true,
        account: expect.objectContaining({ id: account.id }),
      }),
    ]);
    const views = await db.auditEvent.findMany({
      where: { action: "user.viewed", actorId: support.id },
      orderBy: { id: "asc" },
    });
    expect(views.map((view) => view.subjectId)).toEqual([requester.id, alice.id]);
    expect(await viewUserAsSupport(support, "no-such-user")).toBeNull();
  });
});
