import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { renderEmail } from "@/lib/mail/render";
import { commitImport } from "@/lib/members-import/commit";
import { previewImport } from "@/lib/members-import/preview";
import { importResultCsv } from "@/lib/members-import/result-csv";
import {
  createAccount,
  createAdmin,
  createGrant,
  createMembership,
  createRequest,
  createUser,
  createVirtualAccount,
  createWebhookEndpoint,
  unique,
} from "../factories";
import { appErrorOf } from "./app-error-of";
import { emailsTo } from "./membership-helpers";

const csv = (text: string) => ({
  format: "csv" as const,
  file: Buffer.from(text).toString("base64"),
});
const signedIn = { lastSignInAt: new Date() };

/** An account with Alice (Smart Account Administrator) and the tree EMEA > France, Americas. */
async function world() {
  const account = await createAccount({ name: `Import Corp ${unique()}` });
  const alice = await createAdmin([account.id], {
    firstName: "Alice",
    lastName: "Admin",
    ...signedIn,
  });
  const emea = await createVirtualAccount(account.id, { name: "EMEA" });
  const france = await createVirtualAccount(account.id, { name: "France", parentId: emea.id });
  const americas = await createVirtualAccount(account.id, { name: "Americas" });
  return { account, alice, emea, france, americas };
}

/** A Virtual Account Administrator of EMEA and its sub-accounts. */
async function vaAdminOf(accountId: string, virtualAccountId: string) {
  const vera = await createUser({ firstName: "Vera", lastName: "VA", ...signedIn });
  const membership = await createMembership(vera.id, accountId, "VIEWER", {
    scope: "VIRTUAL_ACCOUNTS",
  });
  await createGrant(membership.id, virtualAccountId, "ADMIN", { includeSubAccounts: true });
  return vera;
}

const outcomes = (lines: { address: string; outcome: string; reason: string | null }[]) =>
  Object.fromEntries(
    lines.map((l) => [l.address, l.reason ? `${l.outcome}:${l.reason}` : l.outcome]),
  );

describe("the preview", () => {
  it("says what each line will do, and changes nothing", async () => {
    const { account, alice } = await world();
    const member = await createUser({ ...signedIn });
    await createMembership(member.id, account.id, "USER");
    const promoted = await createUser({ ...signedIn });
    await createMembership(promoted.id, account.id, "VIEWER");
    const requester = await createUser({ ...signedIn });
    await createRequest({ accountId: account.id, requesterId: requester.id });
    const disabled = await createUser({ disabledAt: new Date() });
    const file =
      "email,role,virtual_accounts,include_sub_accounts,access_ends\n" +
      `new-${unique()}@example.com,USER,,,\n` +
      `${member.email},user,,,\n` +
      `${promoted.email},ADMIN,,,\n` +
      `${requester.email},VIEWER,EMEA/France,,\n` +
      "not-an-address,USER,,,\n" +
      `x-${unique()}@example.com,OWNER,,,\n` +
      `y-${unique()}@example.com,USER,Nowhere,,\n` +
      `z-${unique()}@example.com,USER,,,2001-01-01\n` +
      `${disabled.email},USER,,,\n` +
      `${alice.email},USER,,,\n` +
      `${member.email.toUpperCase()},VIEWER,,,\n`;
    const before = await db.membership.count();
    const plan = await previewImport.execute(alice, {
      accountId: account.id,
      source: csv(file),
    });
    const byLine = plan.lines.map((l) => (l.reason ? `${l.outcome}:${l.reason}` : l.outcome));
    expect(byLine).toEqual([
      "added",
      "unchanged",
      "changed",
      "added",
      "refused:notAnEmail",
      "refused:unknownRole",
      "refused:unknownVirtualAccount",
      "refused:endInPast",
      "refused:disabled",
      "refused:self",
    ]);
    expect(plan.lines[0]!.invitation).toBe(true);
    expect(plan.lines[2]).toMatchObject({
      previous: { scope: "ACCOUNT", role: "VIEWER" },
      access: { scope: "ACCOUNT", role: "ADMIN" },
    });
    expect(plan.lines[3]).toMatchObject({
      pendingRequestId: expect.any(String),
      access: { scope: "VIRTUAL_ACCOUNTS", grants: [{ path: ["EMEA", "France"], role: "VIEWER" }] },
    });
    expect(plan.duplicates).toEqual([{ email: member.email, line: 12, firstLine: 3 }]);
    expect(plan.counts).toEqual({ added: 2, changed: 1, unchanged: 1, refused: 6 });
    expect(plan.key).toEqual(expect.any(String));
    expect(await db.membership.count()).toBe(before);
  });

  it("refuses a file with a formula, naming the line and column, as a form message", async () => {
    const { account, alice } = await world();
    const error = await appErrorOf(
      previewImport.execute(alice, {
        accountId: account.id,
        source: csv("email,role\na@example.com,=HYPERLINK()\n"),
      }),
    );
    expect(error.code).toBe("VALIDATION");
    expect(error.details).toMatchObject({
      fieldErrors: { source: "formula" },
      problem: { code: "formula", line: 2, column: 2 },
    });
  });
});

describe("virtual accounts, roles, flags and dates as written", () => {
  it("finds a virtual account by id, path or unique name, and refuses an ambiguous name", async () => {
    const { account, alice, emea, france } = await world();
    const americas = await createVirtualAccount(account.id, { name: "Americas " + unique() });
    await createVirtualAccount(account.id, { name: "France", parentId: americas.id });
    const address = () => `va-${unique()}@example.com`;
    const file =
      "email,role,virtual_accounts,include_sub_accounts,access_ends\n" +
      `${address()},Administrator,${france.id},,\n` +
      `${address()},viewer,emea / france,no,\n` +
      `${address()},USER,EMEA;EMEA/France,1,\n` +
      `${address()},USER,France,,\n` +
      `${address()},USER,EMEA,maybe,\n` +
      `${address()},USER,,,2030-02-30\n` +
      `${address()},USER,,,2099-01-01\n`;
    const plan = await previewImport.execute(alice, { accountId: account.id, source: csv(file) });
    expect(plan.lines.map((l) => l.reason ?? l.outcome)).toEqual([
      "added",
      "added",
      "added",
      "ambiguousVirtualAccount",
      "includeSubAccountsInvalid",
      "dateInvalid",
      "endTooFar",
    ]);
    expect(plan.lines[0]!.access).toMatchObject({
      grants: [{ virtualAccountId: france.id, role: "ADMIN", path: ["EMEA", "France"] }],
    });
    expect(plan.lines[2]!.access).toMatchObject({
      grants: [
        { virtualAccountId: emea.id, includeSubAccounts: true },
        { virtualAccountId: france.id, includeSubAccounts: true },
      ],
    });
  });
});

describe("the authorization matrix", () => {
  it("an account's administrator may; another account's administrator, a requester and a plain member get NOT_FOUND; support staff FORBIDDEN", async () => {
    const { account } = await world();
    const other = await createAccount();
    const otherAdmin = await createAdmin([other.id]);
    const requester = await createUser();
    await createRequest({ accountId: account.id, requesterId: requester.id });
    const user = await createUser();
    await createMembership(user.id, account.id, "USER");
    const support = await createUser({ platformRole: "SUPPORT" });
    const input = {
      accountId: account.id,
      source: { format: "text" as const, text: "a@example.com", role: "USER" as const },
    };
    for (const outsider of [otherAdmin, requester, user])
      expect((await appErrorOf(previewImport.execute(outsider, input))).code).toBe("NOT_FOUND");
    expect((await appErrorOf(previewImport.execute(support, input))).code).toBe("FORBIDDEN");
    expect((await appErrorOf(commitImport.execute(support, { ...input, key: "k" }))).code).toBe(
      "FORBIDDEN",
    );
    expect((await appErrorOf(commitImport.execute(otherAdmin, { ...input, key: "k" }))).code).toBe(
      "NOT_FOUND",
    );
  });

  it("a Virtual Account Administrator adds people inside their branch only, never the entire account", async () => {
    const { account, emea, americas } = await world();
    const vera = await vaAdminOf(account.id, emea.id);
    const accountWide = await createUser({ ...signedIn });
    await createMembership(accountWide.id, account.id, "USER");
    const inBranch = await createUser({ ...signedIn });
    const inBranchMembership = await createMembership(inBranch.id, account.id, "VIEWER", {
      scope: "VIRTUAL_ACCOUNTS",
    });
    await createGrant(inBranchMembership.id, emea.id, "VIEWER");
    const file =
      "email,role,virtual_accounts,include_sub_accounts\n" +
      `in-${unique()}@example.com,USER,EMEA/France,\n` +
      `in2-${unique()}@example.com,ADMIN,EMEA,true\n` +
      `out-${unique()}@example.com,USER,Americas,\n` +
      `whole-${unique()}@example.com,USER,,\n` +
      `${accountWide.email},USER,EMEA,\n` +
      `${inBranch.email},USER,EMEA,\n`;
    const result = await commitImport.execute(vera, {
      accountId: account.id,
      source: csv(file),
      key: unique(),
    });
    expect(result.lines.map((l) => (l.reason ? `${l.outcome}:${l.reason}` : l.outcome))).toEqual([
      "added",
      "added",
      "refused:outsideBranch",
      "refused:outsideBranch",
      "refused:outsideBranch",
      "changed",
    ]);
    expect(await db.virtualAccountGrant.count({ where: { virtualAccountId: americas.id } })).toBe(
      0,
    );
  });
});

describe("confirming", () => {
  it("grants, closes the pending request as approved by the administrator, queues webhooks, audits, and emails each person in their language", async () => {
    const { account, alice, emea } = await world();
    const requester = await createUser({
      firstName: "Rémi",
      lastName: "Requester",
      locale: "fr",
      ...signedIn,
    });
    const request = await createRequest({ accountId: account.id, requesterId: requester.id });
    const member = await createUser({ locale: "en", ...signedIn });
    await createMembership(member.id, account.id, "VIEWER");
    const newcomer = `new-${unique()}@example.com`;
    await createWebhookEndpoint({
      accountId: account.id,
      createdById: alice.id,
      events: ["membership.changed", "request.approved"],
    });
    const file =
      "email,role,virtual_accounts,include_sub_accounts,access_ends\n" +
      `${requester.email},USER,EMEA,yes,2030-01-01\n` +
      `${member.email},USER,,,\n` +
      `${newcomer},VIEWER,,,\n` +
      "nobody,USER,,,\n";
    const result = await commitImport.execute(alice, {
      accountId: account.id,
      source: csv(file),
      key: unique(),
    });
    expect(result.counts).toEqual({ added: 2, changed: 1, unchanged: 0, refused: 1 });
    expect(outcomes(result.lines)).toMatchObject({
      [requester.email]: "added",
      [member.email]: "changed",
      [newcomer]: "added",
      nobody: "refused:notAnEmail",
    });

    const closed = await db.accessRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(closed).toMatchObject({
      status: "APPROVED",
      decidedById: alice.id,
      grantedRole: "VIEWER",
    });
    const granted = await db.membership.findUniqueOrThrow({
      where: { userId_accountId: { userId: requester.id, accountId: account.id } },
      include: { grants: true },
    });
    expect(granted).toMatchObject({
      scope: "VIRTUAL_ACCOUNTS",
      grantedByRequestId: request.id,
      endsAt: new Date("2030-01-01T00:00:00Z"),
    });
    expect(granted.grants).toMatchObject([
      { virtualAccountId: emea.id, role: "USER", includeSubAccounts: true },
    ]);
    expect(
      await db.membership.findFirstOrThrow({ where: { userId: member.id, accountId: account.id } }),
    ).toMatchObject({ role: "USER", scope: "ACCOUNT", active: true });

    const deliveries = await db.webhookDelivery.findMany({
      where: { endpoint: { accountId: account.id } },
      select: { eventType: true, payload: true },
    });
    expect(deliveries.map((d) => d.eventType).sort()).toEqual([
      "membership.changed",
      "membership.changed",
      "membership.changed",
      "request.approved",
    ]);
    expect(
      deliveries.find(
        (d) =>
          d.eventType === "membership.changed" &&
          (d.payload as { data: { email: string } }).data.email === member.email,
      )?.payload,
    ).toMatchObject({
      data: { role: "USER", previousRole: "VIEWER", changedByEmail: alice.email },
    });
    const made = await db.user.findUniqueOrThrow({ where: { email: newcomer } });
    expect(made).toMatchObject({ firstName: null, lastSignInAt: null, emailVerified: null });
    expect(
      await db.auditEvent.count({
        where: { action: "membership.granted", actorId: alice.id },
      }),
    ).toBe(3);
    expect(
      await db.auditEvent.count({ where: { action: "request.approved", subjectId: request.id } }),
    ).toBe(1);

    const [fr] = await emailsTo(requester.email);
    expect(fr).toMatchObject({ template: "member-added", locale: "fr", requestId: request.id });
    const frText = await renderEmail(fr!.template, "fr", fr!.payload);
    expect(frText.subject).toBe(`Vous avez été ajouté à ${account.name}`);
    expect(frText.text).toContain("EMEA et ses sous-comptes");
    expect(frText.text).toContain("Alice Admin");

    const [en] = await emailsTo(member.email);
    const enText = await renderEmail(en!.template, "en", en!.payload);
    expect(enText.subject).toBe(`Your access to ${account.name} changed`);
    expect(enText.text).toContain("Smart Account User");

    const [invite] = await emailsTo(newcomer);
    const inviteText = await renderEmail(invite!.template, "en", invite!.payload);
    expect(inviteText.subject).toBe(`Alice Admin invited you to ${account.name}`);
    expect(inviteText.text).toContain("/sign-in?callbackUrl=%2Faccounts");

    const summary = importResultCsv(result.lines, "en");
    expect(result.csv).toBe(summary);
    expect(summary.split("\r\n")[0]).toBe(
      '\ufeff"line","email","outcome","reason","access","access_ends","pending_request_approved","invited"',
    );
    expect(summary).toContain('"5","nobody","refused","Not an email address"');
  });

  it("the same confirmed import sent twice adds nobody twice, and the same key with other lines is refused", async () => {
    const { account, alice } = await world();
    const newcomer = `twice-${unique()}@example.com`;
    const input = {
      accountId: account.id,
      source: { format: "text" as const, text: newcomer, role: "USER" as const },
      key: unique(),
    };
    const [first, second] = await Promise.all([
      commitImport.execute(alice, input),
      commitImport.execute(alice, input),
    ]);
    expect(first.counts.added + second.counts.added).toBeGreaterThanOrEqual(1);
    const third = await commitImport.execute(alice, input);
    expect(third).toMatchObject({ replayed: true, counts: { added: 1 } });
    expect(await emailsTo(newcomer)).toHaveLength(1);
    expect(
      await db.auditEvent.count({ where: { action: "membership.granted", actorId: alice.id } }),
    ).toBe(1);
    const reused = await appErrorOf(
      commitImport.execute(alice, {
        ...input,
        source: { ...input.source, text: "other@example.com" },
      }),
    );
    expect(reused).toMatchObject({
      code: "CONFLICT",
      details: { fieldErrors: { key: "importKeyReused" } },
    });
  });

  it("applies more lines than a batch, each once", async () => {
    const { account, alice } = await world();
    const addresses = Array.from({ length: 130 }, (_, i) => `bulk-${i}-${unique()}@example.com`);
    const result = await commitImport.execute(alice, {
      accountId: account.id,
      source: { format: "text", text: addresses.join("\n"), role: "VIEWER" },
      key: unique(),
    });
    expect(result.counts.added).toBe(130);
    expect(await db.membership.count({ where: { accountId: account.id, role: "VIEWER" } })).toBe(
      130,
    );
    expect(
      await db.emailMessage.count({ where: { template: "member-added", to: { in: addresses } } }),
    ).toBe(130);
  });
});
