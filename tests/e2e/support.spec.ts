import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { parseCsv } from "../integration/support-csv-reader";
import { expect, test } from "./support/fixtures";

const tag = () => randomBytes(4).toString("hex");

/**
 * A request with a history, written through the data layer: submitted (audit event), its email to
 * one administrator sent, to the other failed after every attempt.
 */
async function requestWithHistory(
  db: PrismaClient,
  createUser: (data?: object) => Promise<{ id: string; email: string }>,
) {
  const id = tag();
  const requester = await createUser({
    email: `rita.${id}@northwind.example`,
    firstName: "Rita",
    lastName: "Quester",
    company: "Northwind",
  });
  const alice = await createUser({
    email: `alice.${id}@acme.example`,
    firstName: "Alice",
    lastName: "Admin",
  });
  const bruno = await createUser({
    email: `bruno.${id}@acme.example`,
    firstName: "Bruno",
    lastName: "Admin",
  });
  const account = await db.account.create({
    data: {
      name: `Acme ${id}`,
      domains: { create: [{ domain: `acme-${id}.example` }] },
      memberships: {
        create: [
          { userId: alice.id, role: "ADMIN" },
          { userId: bruno.id, role: "ADMIN" },
        ],
      },
    },
  });
  const reason = 'Renewals for "Northwind", EMEA\nand the =SUM(A1) team';
  const createdAt = new Date(Date.now() - 3 * 3600_000);
  const request = await db.accessRequest.create({
    data: {
      requesterId: requester.id,
      accountId: account.id,
      domain: `acme-${id}.example`,
      reason,
      createdAt,
      expiresAt: new Date(createdAt.getTime() + 30 * 24 * 3600_000),
    },
  });
  await db.auditEvent.create({
    data: {
      actorId: requester.id,
      action: "request.submitted",
      subjectType: "AccessRequest",
      subjectId: request.id,
      after: { status: "PENDING", reason },
      createdAt,
    },
  });
  const payload = {
    requesterName: "Rita Quester",
    requesterEmail: requester.email,
    company: "Northwind",
    accountName: account.name,
    domain: `acme-${id}.example`,
    reason,
    url: `http://localhost/admin/requests/${request.id}`,
    reminder: false,
  };
  await db.emailMessage.create({
    data: {
      to: alice.email,
      template: "request-to-admins",
      locale: "en",
      payload,
      requestId: request.id,
      status: "SENT",
      attempts: 1,
      sentAt: new Date(),
      createdAt,
    },
  });
  await db.emailMessage.create({
    data: {
      to: bruno.email,
      template: "request-to-admins",
      locale: "fr",
      payload,
      requestId: request.id,
      status: "FAILED",
      attempts: 8,
      lastError: "550 5.1.1 Mailbox unavailable",
      createdAt,
    },
  });
  return { requester, alice, bruno, account, request };
}

test("support finds a request by email, opens its timeline, sees each email's delivery, and exports the search", async ({
  page,
  db,
  createUser,
  signInAs,
  expectAccessible,
}) => {
  const support = await createUser({ platformRole: "SUPPORT", firstName: "Sam" });
  const { requester, alice, bruno, account, request } = await requestWithHistory(db, createUser);
  await signInAs(page, support.id);

  await page.goto("/");
  await page.getByRole("button", { name: "Menu" }).click();
  await page
    .getByRole("dialog", { name: "Menu" })
    .getByRole("link", { name: "Find Access Requests" })
    .click();
  await expect(page.getByRole("heading", { name: "Find access requests", level: 1 })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Requester email").fill(requester.email.slice(0, 10).toUpperCase());
  await page.getByLabel("Requester email").press("Enter");
  await expect(page.getByRole("heading", { name: "1 request matches" })).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: requester.email });
  await expect(row).toContainText(account.name);
  await expect(row).toContainText("Pending");
  await expectAccessible(page);

  // Export what is on screen: the file is downloaded, then read as CSV.
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^access-requests-\d{8}T\d{6}Z\.csv$/);
  const csv = parseCsv(readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, ""));
  expect(csv[0]).toEqual(
    expect.arrayContaining(["Request ID", "Submitted at", "Requester email", "Reason for request"]),
  );
  expect(csv).toHaveLength(2);
  const record = Object.fromEntries(csv[0]!.map((name, index) => [name, csv[1]![index]]));
  expect(record).toMatchObject({
    "Request ID": request.id,
    "Requester email": requester.email,
    Status: "PENDING",
    "Account name": account.name,
  });
  expect(record["Reason for request"]).toBe(
    `Renewals for "Northwind", EMEA\nand the =SUM(A1) team`,
  );
  expect(record["Submitted at"]).toBe(request.createdAt.toISOString());

  await row.getByRole("link", { name: /^Request of / }).click();
  await expect(
    page.getByRole("heading", { name: `Rita Quester → ${account.name}`, level: 1 }),
  ).toBeVisible();
  const timeline = page.getByRole("region", { name: "Timeline" });
  await expect(timeline.getByText("Request submitted")).toBeVisible();
  const sent = timeline.getByRole("article").filter({ hasText: alice.email });
  await expect(sent).toContainText(`Email: Rita Quester requests access to ${account.name}`);
  await expect(sent).toContainText("Sent");
  const failed = timeline.getByRole("article").filter({ hasText: bruno.email });
  await expect(failed).toContainText("Failed");
  await expect(failed).toContainText("550 5.1.1 Mailbox unavailable");
  await expect(failed.getByText("8", { exact: true })).toBeVisible();
  await expect(timeline.getByRole("article").last()).toContainText(`Viewed in the support console`);
  await expect(page.getByRole("region", { name: `Account: ${account.name}` })).toContainText(
    `${alice.email}`,
  );
  await expectAccessible(page);

  const views = await db.auditEvent.findMany({
    where: { action: "request.viewed", subjectId: request.id },
  });
  expect(views.map((view) => view.actorId)).toEqual([support.id]);

  // From the account: its tree, read-only, and its insights.
  const accountRegion = page.getByRole("region", { name: `Account: ${account.name}` });
  await accountRegion.getByRole("link", { name: "Its virtual accounts (read-only)" }).click();
  await expect(
    page.getByRole("heading", { name: `Virtual accounts of ${account.name}`, level: 1 }),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: /Add sub-account/ })).toHaveCount(0);
  await page.goBack();
  await accountRegion.getByRole("link", { name: "Insights for this account" }).click();
  await expect(page.getByRole("heading", { name: "Insights", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: account.name, level: 2 })).toBeVisible();
});

test("the console in French: search, timeline and export", async ({
  page,
  db,
  createUser,
  signInAs,
  expectAccessible,
}) => {
  const support = await createUser({ platformRole: "SUPPORT", locale: "fr" });
  const { requester, account } = await requestWithHistory(db, createUser);
  await signInAs(page, support.id);
  await page.goto("/support");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(
    page.getByRole("heading", { name: "Rechercher des demandes d'accès", level: 1 }),
  ).toBeVisible();
  await page.getByLabel("E-mail du demandeur").fill(requester.email);
  await page.getByLabel("Correspondance de l'e-mail").selectOption({ label: "Est exactement" });
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page.getByRole("heading", { name: "1 demande correspond" })).toBeVisible();
  await expectAccessible(page);

  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Exporter en CSV" }).click();
  const csv = parseCsv(
    readFileSync((await (await downloading).path())!, "utf8").replace(/^\uFEFF/, ""),
  );
  expect(csv[0]?.slice(0, 3)).toEqual(["Identifiant de la demande", "Envoyée le", "Statut"]);
  expect(csv).toHaveLength(2);

  await page.getByRole("link", { name: /^Demande de / }).click();
  await expect(page.getByRole("heading", { name: `Rita Quester → ${account.name}` })).toBeVisible();
  const timeline = page.getByRole("region", { name: "Historique" });
  await expect(timeline.getByText("Demande envoyée")).toBeVisible();
  await expect(timeline.getByText("Envoyé", { exact: true })).toBeVisible();
  await expect(timeline.getByText("Échec", { exact: true })).toBeVisible();
  await expectAccessible(page);
});

test("support closes a support case after adding a note, with the keyboard", async ({
  page,
  db,
  createUser,
  signInAs,
  expectAccessible,
}) => {
  const support = await createUser({ platformRole: "SUPPORT" });
  const { requester, request } = await requestWithHistory(db, createUser);
  const supportCase = await db.supportCase.create({
    data: { requestId: request.id, openedById: requester.id, message: `Nobody answered ${tag()}` },
  });
  await signInAs(page, support.id);

  await page.goto("/support/cases");
  await expect(page.getByRole("heading", { name: "Support cases", level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("row").filter({ hasText: supportCase.message }).getByRole("link").click();
  await expect(page.getByRole("heading", { name: "Support case from Rita Quester" })).toBeVisible();
  await expectAccessible(page);

  // An empty note is explained on the field.
  await page.getByRole("button", { name: "Add note" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Write the note first." })).toBeVisible();
  await expect(page.getByLabel("Add a note")).toHaveAttribute("aria-invalid", "true");

  await page.getByLabel("Add a note").fill("Called Alice: she will decide today.");
  await page.getByLabel("Add a note").press("Control+Enter");
  await expect(page.getByText("Your note was added.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Notes" })).toContainText(
    "Called Alice: she will decide today.",
  );

  await page.getByRole("button", { name: "Close case" }).focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Close this support case?" });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await page.getByRole("button", { name: "Close case" }).click();
  await dialog.getByRole("button", { name: "Close case" }).click();
  await expect(page.getByText("The support case was closed.")).toBeVisible();
  await expect(page.getByRole("region", { name: "Case", exact: true })).toContainText("Closed");
  await expect(page.getByRole("button", { name: "Close case" })).toHaveCount(0);

  const audits = await db.auditEvent.findMany({
    where: { subjectType: "SupportCase", subjectId: supportCase.id },
    orderBy: { id: "asc" },
  });
  expect(audits.map((audit) => [audit.action, audit.actorId])).toEqual([
    ["supportCase.viewed", support.id],
    ["supportCase.noteAdded", support.id],
    ["supportCase.viewed", support.id],
    ["supportCase.closed", support.id],
    ["supportCase.viewed", support.id],
  ]);
});

test("nobody but support staff reaches the console; signed-out visitors are asked to sign in", async ({
  page,
  request,
  createUser,
  signInAs,
}) => {
  await page.goto("/support/requests/anything");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fsupport%2Frequests%2Fanything/);

  const requester = await createUser();
  await signInAs(page, requester.id);
  for (const path of [
    "/support",
    "/support/cases",
    "/support/requests/anything",
    `/support/users/${requester.id}`,
  ]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(404);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  }
  const exported = await page.context().request.get("/support/export");
  expect(exported.status()).toBe(404);
  expect((await request.get("/support/export", { maxRedirects: 0 })).status()).toBe(307);
});

test("a super administrator is pointed to the dashboard to decide an escalated request", async ({
  page,
  db,
  createUser,
  signInAs,
}) => {
  const { request } = await requestWithHistory(db, createUser);
  await db.accessRequest.update({ where: { id: request.id }, data: { escalatedAt: new Date() } });
  const support = await createUser({ platformRole: "SUPPORT" });
  await signInAs(page, support.id);
  await page.goto(`/support/requests/${request.id}`);
  await expect(page.getByText("Escalated to support", { exact: true })).toBeVisible();
  await expect(
    page.getByRole("link", { name: /Decide it on the administrators' dashboard/ }),
  ).toHaveCount(0);

  await page.context().clearCookies();
  const superadmin = await createUser({ platformRole: "SUPERADMIN" });
  await signInAs(page, superadmin.id);
  await page.goto(`/support/requests/${request.id}`);
  await expect(
    page.getByRole("link", { name: /Decide it on the administrators' dashboard/ }),
  ).toHaveAttribute("href", `/admin/requests/${request.id}`);
});

test("a search with invalid filters explains each one and an empty result says what to do", async ({
  page,
  createUser,
  signInAs,
  expectAccessible,
}) => {
  const support = await createUser({ platformRole: "SUPERADMIN" });
  await signInAs(page, support.id);
  await page.goto("/support?domain=not%20a%20domain&from=2026-05-01&to=2026-04-01");
  await expect(
    page.getByRole("alert").filter({ hasText: "Check the search filters" }),
  ).toContainText("Nothing was searched.");
  await expect(page.getByLabel("Account Domain Identifier")).toHaveAttribute(
    "aria-invalid",
    "true",
  );
  await expect(page.getByText("Enter an identifier such as acme.com.")).toBeVisible();
  await expect(page.getByText("The end date is before the start date.")).toBeVisible();
  await expectAccessible(page);

  await page.goto(`/support?email=nobody-${tag()}%40example.com&emailMatch=exact`);
  await expect(page.getByText("No access request matches these filters.")).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).last().click();
  await expect(page).toHaveURL(/\/support$/);
});
