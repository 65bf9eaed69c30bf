import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { renderEmail } from "@/lib/mail/render";
import { changeMemberRole } from "@/lib/memberships/change-role";
import { extendMembership } from "@/lib/memberships/extend-membership";
import { leaveAccount } from "@/lib/memberships/leave-account";
import { listAccountMembers } from "@/lib/memberships/list-members";
import { listMyAccounts } from "@/lib/memberships/my-accounts";
import { openAccountSupportCase } from "@/lib/memberships/open-account-support-case";
import { removeMember } from "@/lib/memberships/remove-member";
import { grantableRolesFor, mayGrantRole, mayManageMember } from "@/lib/memberships/rules";
import { parseMembersFilters } from "@/lib/memberships/schema";
import { submitRequest } from "@/lib/requests/submit-request";
import { createAccount, createAdmin, createMembership, createUser } from "../factories";
import { appErrorOf } from "./app-error-of";
import { auditOf, emailsTo, membershipOf } from "./membership-helpers";

const DAY_MS = 24 * 3600_000;
const inDays = (days: number) => new Date(Date.now() + days * DAY_MS);

async function accountWithMember(
  role: "ADMIN" | "USER" | "VIEWER" = "USER",
  data: Parameters<typeof createMembership>[3] = {},
) {
  const domain = `m-${Math.random().toString(36).slice(2, 10)}.example`;
  const account = await createAccount({ name: "Members Corp", domains: [domain] });
  const admin = await createAdmin([account.id], { firstName: "Alice", lastName: "Admin" });
  const person = await createUser({ firstName: "Mia", lastName: "Member", locale: "fr" });
  const membership = await createMembership(person.id, account.id, role, data);
  return { account, domain, admin, person, membership };
}

describe("changing a member's role", () => {
  it("an administrator changes a role: audited before → after, and the member is emailed in their language", async () => {
    const { admin, person, membership } = await accountWithMember("USER");
    const result = await changeMemberRole.execute(admin, {
      membershipId: membership.id,
      role: "VIEWER",
    });
    expect(result).toMatchObject({
      outcome: "changed",
      previousRole: "USER",
      membership: { role: "VIEWER", active: true },
    });
    expect((await membershipOf(membership.id)).role).toBe("VIEWER");
    expect(await auditOf(membership.id)).toEqual([
      {
        action: "membership.roleChanged",
        actorId: admin.id,
        before: { role: "USER" },
        after: expect.objectContaining({ role: "VIEWER" }),
      },
    ]);
    const [email] = await emailsTo(person.email);
    expect(email).toMatchObject({ template: "membership-role-changed", locale: "fr" });
    const rendered = await renderEmail(email!.template, "fr", email!.payload);
    expect(rendered.subject).toBe("Votre rôle dans Members Corp a changé");
    expect(rendered.text).toContain("Alice Admin a changé votre rôle");
    expect(rendered.text).toContain("Lecteur");
  });

  it("the same role again changes nothing and emails nobody", async () => {
    const { admin, person, membership } = await accountWithMember("USER");
    expect(
      await changeMemberRole.execute(admin, { membershipId: membership.id, role: "USER" }),
    ).toMatchObject({ outcome: "unchanged" });
    expect(await auditOf(membership.id)).toEqual([]);
    expect(await emailsTo(person.email)).toEqual([]);
  });

  it("an administrator may make a member an administrator, and the new one may then manage members", async () => {
    const { admin, person, membership, account } = await accountWithMember("USER");
    await changeMemberRole.execute(admin, { membershipId: membership.id, role: "ADMIN" });
    const adminMembership = await db.membership.findFirstOrThrow({
      where: { userId: admin.id, accountId: account.id },
    });
    await changeMemberRole.execute(person, { membershipId: adminMembership.id, role: "USER" });
    expect((await membershipOf(adminMembership.id)).role).toBe("USER");
  });

  it("a removed membership cannot change role", async () => {
    const { admin, membership } = await accountWithMember("USER", { active: false });
    const refusal = await appErrorOf(
      changeMemberRole.execute(admin, { membershipId: membership.id, role: "VIEWER" }),
    );
    expect(refusal).toMatchObject({ code: "CONFLICT", details: { reason: "ended" } });
  });
});

describe("no role above your own, in one rule", () => {
  it("only an administrator gives ADMIN; the licensing team acting for an account gives any role", () => {
    expect(mayGrantRole("ADMIN", "ADMIN")).toBe(true);
    expect(mayGrantRole("USER", "VIEWER")).toBe(false);
    expect(mayGrantRole("USER", "ADMIN")).toBe(false);
    expect(mayGrantRole("onBehalfOfAccount", "ADMIN")).toBe(true);
    expect(grantableRolesFor("ADMIN")).toEqual(["USER", "VIEWER", "ADMIN"]);
    expect(grantableRolesFor("VIEWER")).toEqual([]);
    expect(mayManageMember("ADMIN", "ADMIN")).toBe(true);
    expect(mayManageMember("USER", "VIEWER")).toBe(false);
  });

  it("a member who is not an administrator cannot change anyone's role, not even their own", async () => {
    const { person, membership, account, admin } = await accountWithMember("USER");
    const adminMembership = await db.membership.findFirstOrThrow({
      where: { userId: admin.id, accountId: account.id },
    });
    for (const [target, role] of [
      [membership.id, "ADMIN"],
      [adminMembership.id, "USER"],
    ] as const) {
      expect(
        (await appErrorOf(changeMemberRole.execute(person, { membershipId: target, role }))).code,
      ).toBe("NOT_FOUND");
    }
    expect((await membershipOf(membership.id)).role).toBe("USER");
  });
});

describe("removing a member", () => {
  it("ends the access with the reason, keeps the membership inactive, emails the member, and they may request again", async () => {
    const { admin, person, membership, account, domain } = await accountWithMember("VIEWER", {
      endsAt: inDays(20),
    });
    const result = await removeMember.execute(admin, {
      membershipId: membership.id,
      reason: "The project ended.",
    });
    expect(result).toMatchObject({
      outcome: "removed",
      membership: { active: false, endCause: "REMOVED" },
    });
    const row = await membershipOf(membership.id);
    expect(row.endedAt).toBeInstanceOf(Date);
    const [event] = await auditOf(membership.id);
    expect(event).toMatchObject({
      action: "membership.removed",
      actorId: admin.id,
      before: { active: true, role: "VIEWER" },
      after: expect.objectContaining({
        active: false,
        endCause: "REMOVED",
        reason: "The project ended.",
      }),
    });
    const [email] = await emailsTo(person.email);
    const rendered = await renderEmail(email!.template, "fr", email!.payload);
    expect(rendered.subject).toBe("Votre accès à Members Corp a été retiré");
    expect(rendered.text).toContain("The project ended.");
    expect(await listMyAccounts(person)).toEqual([]);

    const again = await submitRequest.execute(person, {
      accountId: account.id,
      domain,
      reason: "I need the access back, please.",
    });
    expect(again).toMatchObject({ outcome: "created" });
  });

  it("removing twice is refused the second time, with nothing more written", async () => {
    const { admin, membership, person } = await accountWithMember("USER");
    await removeMember.execute(admin, { membershipId: membership.id });
    expect(
      await appErrorOf(removeMember.execute(admin, { membershipId: membership.id })),
    ).toMatchObject({ code: "CONFLICT", details: { reason: "ended" } });
    expect((await auditOf(membership.id)).length).toBe(1);
    expect((await emailsTo(person.email)).length).toBe(1);
  });

  it("a reason longer than the limit is a validation error, not a 500", async () => {
    const { admin, membership } = await accountWithMember("USER");
    const refusal = await appErrorOf(
      removeMember.execute(admin, { membershipId: membership.id, reason: "x".repeat(1001) }),
    );
    expect(refusal).toMatchObject({
      code: "VALIDATION",
      details: { fieldErrors: { reason: "reasonTooLong" } },
    });
  });
});

describe("extending a time-bound access", () => {
  it("moves the end later, clears the warning so the new date is announced, audits and emails", async () => {
    const { admin, person, membership } = await accountWithMember("USER", { endsAt: inDays(5) });
    await db.membership.update({ where: { id: membership.id }, data: { endWarnedAt: new Date() } });
    const result = await extendMembership.execute(admin, {
      membershipId: membership.id,
      endsInDays: 90,
    });
    expect(result.outcome).toBe("extended");
    const row = await membershipOf(membership.id);
    expect(row.endsAt!.getTime()).toBeGreaterThan(inDays(89).getTime());
    expect(row.endWarnedAt).toBeNull();
    expect((await auditOf(membership.id))[0]).toMatchObject({
      action: "membership.extended",
      before: { endsAt: expect.any(String) },
    });
    expect((await emailsTo(person.email)).map((email) => email.template)).toEqual([
      "membership-extended",
    ]);
  });

  it("to a date, or to no end at all", async () => {
    const { admin, membership } = await accountWithMember("USER", { endsAt: inDays(5) });
    const endsOn = inDays(40).toISOString().slice(0, 10);
    await extendMembership.execute(admin, { membershipId: membership.id, endsOn });
    expect((await membershipOf(membership.id)).endsAt).toEqual(new Date(`${endsOn}T00:00:00Z`));
    await extendMembership.execute(admin, { membershipId: membership.id, permanent: true });
    expect((await membershipOf(membership.id)).endsAt).toBeNull();
  });

  it("refuses an earlier end, a past date, an access without an end, and a removed one", async () => {
    const { admin, membership, account } = await accountWithMember("USER", { endsAt: inDays(100) });
    expect(
      await appErrorOf(
        extendMembership.execute(admin, { membershipId: membership.id, endsInDays: 30 }),
      ),
    ).toMatchObject({ code: "CONFLICT", details: { reason: "notLater" } });
    const yesterday = inDays(-1).toISOString().slice(0, 10);
    expect(
      await appErrorOf(
        extendMembership.execute(admin, { membershipId: membership.id, endsOn: yesterday }),
      ),
    ).toMatchObject({ code: "VALIDATION", details: { fieldErrors: { endsOn: "endInPast" } } });
    expect(
      await appErrorOf(extendMembership.execute(admin, { membershipId: membership.id })),
    ).toMatchObject({ code: "VALIDATION", details: { fieldErrors: { endsOn: "endRequired" } } });
    const permanent = await createMembership((await createUser()).id, account.id, "USER");
    expect(
      await appErrorOf(
        extendMembership.execute(admin, { membershipId: permanent.id, endsInDays: 30 }),
      ),
    ).toMatchObject({ code: "CONFLICT", details: { reason: "noEndDate" } });
    await removeMember.execute(admin, { membershipId: membership.id });
    expect(
      await appErrorOf(
        extendMembership.execute(admin, { membershipId: membership.id, endsInDays: 365 }),
      ),
    ).toMatchObject({ code: "CONFLICT", details: { reason: "ended" } });
  });
});

describe("leaving an account", () => {
  it("a member leaves: the membership ends LEFT, audited; Your accounts no longer lists it", async () => {
    const { person, membership, account } = await accountWithMember("USER", { endsAt: inDays(30) });
    expect(
      (await listMyAccounts(person)).map((row) => [row.account.id, row.role, row.lastAdmin]),
    ).toEqual([[account.id, "USER", false]]);
    const result = await leaveAccount.execute(person, { accountId: account.id });
    expect(result).toMatchObject({
      outcome: "left",
      membership: { active: false, endCause: "LEFT" },
    });
    expect((await auditOf(membership.id))[0]).toMatchObject({
      action: "membership.left",
      actorId: person.id,
      before: { active: true, role: "USER" },
    });
    expect(await listMyAccounts(person)).toEqual([]);
    expect((await appErrorOf(leaveAccount.execute(person, { accountId: account.id }))).code).toBe(
      "NOT_FOUND",
    );
  });

  it("someone who is not a member cannot leave (nor learn whether the account exists)", async () => {
    const { account } = await accountWithMember();
    const outsider = await createUser();
    const notMember = await appErrorOf(leaveAccount.execute(outsider, { accountId: account.id }));
    const noAccount = await appErrorOf(
      leaveAccount.execute(outsider, { accountId: "no-such-account" }),
    );
    expect(notMember).toEqual(noAccount);
  });
});

describe("asking support about an account", () => {
  it("a member opens a case carrying the account; support staff are emailed; outsiders cannot", async () => {
    const { admin, account } = await accountWithMember();
    const support = await createUser({ platformRole: "SUPPORT", locale: "en" });
    const { supportCaseId } = await openAccountSupportCase.execute(admin, {
      accountId: account.id,
      message: "Please appoint another administrator.",
    });
    expect(await db.supportCase.findUniqueOrThrow({ where: { id: supportCaseId } })).toMatchObject({
      accountId: account.id,
      requestId: null,
      openedById: admin.id,
    });
    const [email] = await emailsTo(support.email);
    const rendered = await renderEmail(email!.template, "en", email!.payload);
    expect(rendered.subject).toBe("Support case about Members Corp from Alice Admin");
    expect(rendered.text).toContain("Please appoint another administrator.");
    expect(
      (
        await appErrorOf(
          openAccountSupportCase.execute(await createUser(), {
            accountId: account.id,
            message: "Let me in, please.",
          }),
        )
      ).code,
    ).toBe("NOT_FOUND");
  });
});

describe("the members list", () => {
  it("filters by name, role and status, pages by keyset, and shows who granted what", async () => {
    const { admin, account } = await accountWithMember("VIEWER");
    const others = [];
    for (let i = 0; i < 5; i++)
      others.push(
        await createMembership(
          (await createUser({ firstName: `Page${i}` })).id,
          account.id,
          "USER",
        ),
      );
    await removeMember.execute(admin, { membershipId: others[0]!.id });

    const first = await listAccountMembers(admin, account.id, parseMembersFilters({}), 3);
    expect(first!.total).toBe(6);
    expect(first!.members).toHaveLength(3);
    expect(first!.previous).toBeNull();
    const second = await listAccountMembers(
      admin,
      account.id,
      parseMembersFilters({ after: first!.next! }),
      3,
    );
    expect(second!.members).toHaveLength(3);
    expect(second!.next).toBeNull();
    const all = [...first!.members, ...second!.members].map((row) => row.id);
    expect(new Set(all).size).toBe(6);
    const back = await listAccountMembers(
      admin,
      account.id,
      parseMembersFilters({ before: second!.previous! }),
      3,
    );
    expect(back!.members.map((row) => row.id)).toEqual(first!.members.map((row) => row.id));

    expect(
      (await listAccountMembers(
        admin,
        account.id,
        parseMembersFilters({ status: "ended" }),
      ))!.members.map((row) => row.id),
    ).toEqual([others[0]!.id]);
    expect(
      (await listAccountMembers(
        admin,
        account.id,
        parseMembersFilters({ role: "VIEWER" }),
      ))!.members.map((row) => row.user.firstName),
    ).toEqual(["Mia"]);
    expect(
      (await listAccountMembers(
        admin,
        account.id,
        parseMembersFilters({ q: "page3" }),
      ))!.members.map((row) => row.user.firstName),
    ).toEqual(["Page3"]);
    expect(
      (await listAccountMembers(
        admin,
        account.id,
        parseMembersFilters({ status: "nonsense", role: "KING" }),
      ))!.total,
    ).toBe(6);
    expect(
      (await listAccountMembers(admin, account.id, parseMembersFilters({})))!.activeAdmins,
    ).toBe(1);
  });
});
