import { describe, expect, it } from "vitest";
import { approveRequest } from "@/lib/admin/approve-or-deny";
import { decideInBulk } from "@/lib/admin/bulk-decision";
import { db } from "@/lib/db/client";
import { renderEmail } from "@/lib/mail/render";
import { extendMembership } from "@/lib/memberships/extend-membership";
import {
  endExpiredMemberships,
  sweepMemberships,
  warnEndingMemberships,
} from "@/lib/memberships/sweep";
import { listMyRequests } from "@/lib/requests/list-my-requests";
import { submitRequest } from "@/lib/requests/submit-request";
import {
  createAccount,
  createAdmin,
  createMembership,
  createRequest,
  createUser,
} from "../factories";
import { appErrorOf } from "./app-error-of";
import { auditOf, emailsTo, membershipOf } from "./membership-helpers";

const DAY_MS = 24 * 3600_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS);
const dayOf = (date: Date) => date.toISOString().slice(0, 10);

describe("approving with an end date", () => {
  it("single: the membership ends then, the requester's email and their requests list say so", async () => {
    const account = await createAccount({ name: "Timebound Inc" });
    const admin = await createAdmin([account.id]);
    const requester = await createUser({ locale: "en" });
    const request = await createRequest({ accountId: account.id, requesterId: requester.id });
    const endsOn = dayOf(inDays(45));
    await approveRequest.execute(admin, { requestId: request.id, role: "VIEWER", endsOn });

    const membership = await db.membership.findFirstOrThrow({
      where: { userId: requester.id, accountId: account.id },
    });
    expect(membership).toMatchObject({
      role: "VIEWER",
      active: true,
      endsAt: new Date(`${endsOn}T00:00:00Z`),
      grantedByRequestId: request.id,
    });
    expect((await auditOf(membership.id))[0]).toMatchObject({
      action: "membership.granted",
      after: expect.objectContaining({ endsAt: `${endsOn}T00:00:00.000Z` }),
    });
    const [email] = await emailsTo(requester.email);
    const rendered = await renderEmail(email!.template, "en", email!.payload);
    expect(rendered.text).toContain("This access is time-bound: it ends on");
    expect(rendered.text).toContain(
      new Intl.DateTimeFormat("en", { dateStyle: "long", timeZone: "UTC" }).format(
        new Date(`${endsOn}T00:00:00Z`),
      ),
    );

    const list = await listMyRequests(requester.id, 1);
    expect(list.requests[0]!.grantedMembership).toEqual({
      active: true,
      endsAt: new Date(`${endsOn}T00:00:00Z`),
      endedAt: null,
      endCause: null,
    });
  });

  it("no end date by default; a preset counts its days from now", async () => {
    const account = await createAccount();
    const admin = await createAdmin([account.id]);
    const [plain, preset] = await Promise.all([
      createRequest({ accountId: account.id }),
      createRequest({ accountId: account.id }),
    ]);
    await approveRequest.execute(admin, { requestId: plain.id });
    await approveRequest.execute(admin, { requestId: preset.id, endsInDays: 30 });
    expect(
      (await db.membership.findFirstOrThrow({ where: { grantedByRequestId: plain.id } })).endsAt,
    ).toBeNull();
    const endsAt = (
      await db.membership.findFirstOrThrow({ where: { grantedByRequestId: preset.id } })
    ).endsAt!;
    expect(Math.abs(endsAt.getTime() - inDays(30).getTime())).toBeLessThan(60_000);
  });

  it("bulk: every approved request gets the same end date", async () => {
    const account = await createAccount();
    const admin = await createAdmin([account.id]);
    const requests = await Promise.all(
      [1, 2, 3].map(() => createRequest({ accountId: account.id })),
    );
    const result = await decideInBulk.execute(admin, {
      decision: "approve",
      role: "USER",
      endsInDays: 90,
      requestIds: requests.map((r) => r.id),
    });
    expect(result.decided).toHaveLength(3);
    const memberships = await db.membership.findMany({
      where: { grantedByRequestId: { in: requests.map((r) => r.id) } },
    });
    expect(memberships).toHaveLength(3);
    for (const membership of memberships)
      expect(Math.abs(membership.endsAt!.getTime() - inDays(90).getTime())).toBeLessThan(60_000);
  });

  it("refuses an end date in the past, a duration not offered, or both at once, before deciding anything", async () => {
    const account = await createAccount();
    const admin = await createAdmin([account.id]);
    const request = await createRequest({ accountId: account.id });
    for (const [input, field, code] of [
      [{ endsOn: dayOf(new Date()) }, "endsOn", "endInPast"],
      [{ endsOn: "2026-02-30" }, "endsOn", "date"],
      [{ endsInDays: 45 }, "endsInDays", "endInvalid"],
      [{ endsInDays: 30, endsOn: dayOf(inDays(60)) }, "endsOn", "endBoth"],
    ] as const) {
      expect(
        await appErrorOf(approveRequest.execute(admin, { requestId: request.id, ...input })),
      ).toMatchObject({ code: "VALIDATION", details: { fieldErrors: { [field]: code } } });
      expect(
        await appErrorOf(
          decideInBulk.execute(admin, {
            decision: "approve",
            requestIds: [request.id],
            ...input,
          }),
        ),
      ).toMatchObject({ code: "VALIDATION" });
    }
    expect((await db.accessRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe(
      "PENDING",
    );
  });
});

describe("the seven-day notice", () => {
  it("emails the member and the account's other administrators once, in their languages", async () => {
    const account = await createAccount({ name: "Soon Ltd" });
    const alice = await createAdmin([account.id], { locale: "en" });
    const bruno = await createAdmin([account.id], { locale: "fr" });
    const member = await createUser({ locale: "fr" });
    const ending = await createMembership(member.id, account.id, "USER", { endsAt: inDays(6) });
    await createMembership((await createUser()).id, account.id, "USER", { endsAt: inDays(8) });

    expect(await warnEndingMemberships(db)).toBe(1);
    expect(await warnEndingMemberships(db)).toBe(0);
    expect(await sweepMemberships(db)).toEqual({ warned: 0, ended: 0 });

    const [toMember] = await emailsTo(member.email);
    expect(toMember).toMatchObject({
      template: "membership-ending-soon",
      locale: "fr",
      payload: expect.objectContaining({ audience: "member" }),
    });
    expect((await renderEmail(toMember!.template, "fr", toMember!.payload)).subject).toBe(
      "Votre accès à Soon Ltd se termine bientôt",
    );
    for (const admin of [alice, bruno]) {
      const emails = await emailsTo(admin.email);
      expect(
        emails.map((email) => [email.template, (email.payload as { audience: string }).audience]),
      ).toEqual([["membership-ending-soon", "admin"]]);
    }
    expect((await auditOf(ending.id)).map((event) => event.action)).toEqual([
      "membership.endWarned",
    ]);
  });

  it("extending clears the notice: the new date is announced when it comes near", async () => {
    const account = await createAccount();
    const admin = await createAdmin([account.id]);
    const member = await createUser();
    const membership = await createMembership(member.id, account.id, "USER", { endsAt: inDays(3) });
    await warnEndingMemberships(db);
    await extendMembership.execute(admin, { membershipId: membership.id, endsInDays: 30 });
    expect(await warnEndingMemberships(db)).toBe(0);
    await warnEndingMemberships(db, { now: inDays(25) });
    expect((await auditOf(membership.id)).map((event) => event.action)).toEqual([
      "membership.endWarned",
      "membership.extended",
      "membership.endWarned",
    ]);
  });

  it("several workers at once warn each membership once", async () => {
    const account = await createAccount();
    await createAdmin([account.id]);
    const members = await Promise.all(
      Array.from({ length: 20 }, async () =>
        createMembership((await createUser()).id, account.id, "USER", { endsAt: inDays(2) }),
      ),
    );
    const counts = await Promise.all(
      Array.from({ length: 3 }, () => warnEndingMemberships(db, { batchSize: 4 })),
    );
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(20);
    for (const membership of members) expect((await auditOf(membership.id)).length).toBe(1);
  });
});

describe("at the end date", () => {
  it("the sweep ends the membership, audits it, emails the person, and they can request again", async () => {
    const domain = `end-${Math.random().toString(36).slice(2, 8)}.example`;
    const account = await createAccount({ name: "Ending Co", domains: [domain] });
    await createAdmin([account.id]);
    const member = await createUser({ locale: "en" });
    const membership = await createMembership(member.id, account.id, "VIEWER", {
      endsAt: new Date(Date.now() - 60_000),
    });
    const future = await createMembership((await createUser()).id, account.id, "USER", {
      endsAt: inDays(1),
    });

    expect(await endExpiredMemberships(db)).toBe(1);
    expect(await membershipOf(membership.id)).toMatchObject({
      active: false,
      endCause: "EXPIRED",
      endedAt: expect.any(Date),
    });
    expect((await membershipOf(future.id)).active).toBe(true);
    expect((await auditOf(membership.id))[0]).toMatchObject({
      action: "membership.expired",
      actorId: null,
      before: { active: true, role: "VIEWER" },
    });
    const [email] = await emailsTo(member.email);
    expect((await renderEmail(email!.template, "en", email!.payload)).subject).toBe(
      "Your access to Ending Co has ended",
    );

    expect(
      await submitRequest.execute(member, {
        accountId: account.id,
        domain,
        reason: "I still need to see our licences.",
      }),
    ).toMatchObject({ outcome: "created" });
  });

  it("is idempotent with two workers at once: each membership ends once, with one audit event and one email", async () => {
    const account = await createAccount();
    await createAdmin([account.id]);
    const past = new Date(Date.now() - 1000);
    const members = await Promise.all(
      Array.from({ length: 30 }, async () =>
        createMembership((await createUser()).id, account.id, "USER", { endsAt: past }),
      ),
    );
    const [a, b] = await Promise.all([
      endExpiredMemberships(db, { batchSize: 7 }),
      endExpiredMemberships(db, { batchSize: 7 }),
    ]);
    expect(a + b).toBe(30);
    expect(await endExpiredMemberships(db)).toBe(0);
    for (const membership of members) {
      expect((await auditOf(membership.id)).map((event) => event.action)).toEqual([
        "membership.expired",
      ]);
      const user = await db.membership.findUniqueOrThrow({
        where: { id: membership.id },
        select: { user: { select: { email: true } } },
      });
      expect((await emailsTo(user.user.email)).length).toBe(1);
    }
  });

  it("an administrator extending while the sweep runs: the access is either extended or ended, never both", async () => {
    const account = await createAccount();
    const admin = await createAdmin([account.id]);
    const past = new Date(Date.now() - 1000);
    const members = await Promise.all(
      Array.from({ length: 10 }, async () =>
        createMembership((await createUser()).id, account.id, "USER", { endsAt: past }),
      ),
    );
    const extended = Promise.all(
      members.map((m) =>
        extendMembership.execute(admin, { membershipId: m.id, endsInDays: 30 }).then(
          () => true,
          () => false,
        ),
      ),
    );
    const [ended, wins] = await Promise.all([
      endExpiredMemberships(db, { batchSize: 2 }),
      extended,
    ]);
    for (const [index, membership] of members.entries()) {
      const row = await membershipOf(membership.id);
      expect(row.active, membership.id).toBe(wins[index]);
    }
    expect(ended + wins.filter(Boolean).length).toBe(10);
  });
});
