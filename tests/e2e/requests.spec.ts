import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { expect, test } from "./support/fixtures";

const domainName = () => `e2e-${randomBytes(4).toString("hex")}.example`;

async function accountWithAdmin(
  db: PrismaClient,
  domain: string,
  name: string,
  adminEmail: string,
  adminLocale: "en" | "fr" = "en",
) {
  const admin = await db.user.upsert({
    where: { email: adminEmail },
    create: { email: adminEmail, firstName: "Ada", lastName: "Admin", locale: adminLocale },
    update: {},
  });
  return db.account.create({
    data: {
      name,
      domains: { create: [{ domain }] },
      memberships: { create: [{ userId: admin.id, role: "ADMIN" }] },
    },
  });
}

async function openRequestPageFromMenu(page: Page) {
  await page.goto("/");
  const menuButton = page.getByRole("button", { name: "Menu" });
  await menuButton.click();
  const menu = page.getByRole("dialog", { name: "Menu" });
  await expect(menu.getByRole("button", { name: "Close menu" })).toBeFocused();
  // Escape closes the panel and gives focus back to the button.
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await expect(menuButton).toBeFocused();
  await menuButton.click();
  await expect(menu.getByRole("heading", { name: "Requesting access" })).toBeVisible();
  await menu.getByRole("link", { name: "Request Access to an Existing Smart Account" }).click();
  await expect(
    page.getByRole("heading", { name: "Request Access to an Existing Smart Account", level: 1 }),
  ).toBeVisible();
}

test("a requester asks for access to the one account of an identifier, and its admin is emailed", async ({
  page,
  db,
  createUser,
  signInAs,
  waitForMail,
  expectAccessible,
}) => {
  const domain = domainName();
  const adminEmail = `admin-${randomBytes(3).toString("hex")}@example.com`;
  await accountWithAdmin(db, domain, "Solo Networks", adminEmail);
  const requester = await createUser({ firstName: "Rosa", lastName: "Park", company: "Northwind" });
  await signInAs(page, requester.id);

  await openRequestPageFromMenu(page);
  await expect(page.getByText("Your profile is complete.")).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Account Domain Identifier").fill(`https://${domain.toUpperCase()}/`);
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByText(`Account found: Solo Networks (${domain})`)).toBeVisible();
  await expect(page.getByLabel("Reason for Request")).toBeFocused();
  await page
    .getByLabel("Reason for Request")
    .fill("I run the network team and need to manage the licences.");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Send Request" }).click();
  await expect(page.getByText("Request sent")).toBeVisible();
  await expect(
    page.getByText("Your request for Solo Networks was sent to the account's administrators."),
  ).toBeVisible();

  const mail = await waitForMail((m) => m.to.includes(adminEmail));
  expect(mail.subject).toBe("Rosa Park requests access to Solo Networks");
  expect(mail.text).toContain("I run the network team and need to manage the licences.");
  expect(mail.text).toContain("Northwind");
  expect(mail.text).toMatch(/\/admin\/requests\/[0-9a-f-]+/);

  await page.getByRole("link", { name: "See your access requests" }).click();
  await expect(page.getByRole("heading", { name: "Solo Networks" })).toBeVisible();
  await expect(page.getByText("Pending")).toBeVisible();
  await expectAccessible(page);
});

test("several accounts share an identifier: the requester picks one in the dialog with the keyboard", async ({
  page,
  db,
  createUser,
  signInAs,
  expectAccessible,
}) => {
  const domain = domainName();
  for (const name of ["Triple Alpha", "Triple Beta", "Triple Gamma"]) {
    await accountWithAdmin(db, domain, name, `admin-${randomBytes(3).toString("hex")}@example.com`);
  }
  const requester = await createUser();
  await signInAs(page, requester.id);
  await page.goto("/requests/new");

  await page.getByLabel("Account Domain Identifier").fill(domain);
  await page.getByLabel("Account Domain Identifier").press("Enter");
  const dialog = page.getByRole("dialog", { name: "Select a Smart Account" });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("radio")).toHaveCount(3);
  await expect(dialog).not.toContainText("@"); // never admin emails or member lists
  await expectAccessible(page);

  // Escape cancels.
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();

  await page.getByRole("button", { name: "Submit" }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("radio", { name: /Triple Alpha/ })).toBeFocused();
  await page.keyboard.press("ArrowDown");
  await expect(dialog.getByRole("radio", { name: /Triple Beta/ })).toBeChecked();
  await page.keyboard.press("Tab"); // Cancel
  await page.keyboard.press("Tab"); // OK
  await expect(dialog.getByRole("button", { name: "OK" })).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Account found: Triple Beta (${domain})`)).toBeVisible();

  await page.keyboard.type("Keyboard users need access to Triple Beta too.");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByText("Your request for Triple Beta was sent")).toBeVisible();
  const request = await db.accessRequest.findFirstOrThrow({
    where: { requesterId: requester.id },
    include: { account: true },
  });
  expect(request.account.name).toBe("Triple Beta");
});

test("an incomplete profile blocks the request until it is fixed inline", async ({
  page,
  db,
  createUser,
  signInAs,
  expectAccessible,
}) => {
  const domain = domainName();
  await accountWithAdmin(
    db,
    domain,
    "Inline Fix Ltd",
    `admin-${randomBytes(3).toString("hex")}@example.com`,
  );
  const requester = await createUser({ company: null, jobTitle: null, phone: null });
  await signInAs(page, requester.id);
  await page.goto("/requests/new");

  await expect(page.getByText("Your profile is incomplete.")).toBeVisible();
  await expect(page.getByText("Missing: Company, Job title, Phone")).toBeVisible();
  await expect(page.getByLabel("Account Domain Identifier")).toBeDisabled();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Update your profile" }).click();
  await page.getByLabel("Company").fill("Fabrikam");
  await page.getByLabel("Phone").fill("not a phone");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByText("Enter a phone number")).toBeVisible();
  await expect(page.getByText("This field is required.")).toBeVisible(); // job title
  await expectAccessible(page);
  await page.getByLabel("Job title").fill("Network engineer");
  await page.getByLabel("Phone").fill("+44 20 5555 0199");
  await page.getByRole("button", { name: "Save profile" }).click();

  await expect(page.getByText("Your profile is complete.")).toBeVisible();
  await expect(page.getByLabel("Account Domain Identifier")).toBeEnabled();
  await page.getByLabel("Account Domain Identifier").fill(domain);
  await page.getByRole("button", { name: "Submit" }).click();
  await page
    .getByLabel("Reason for Request")
    .fill("Now that my profile is complete, please let me in.");
  await page.getByRole("button", { name: "Send Request" }).click();
  await expect(page.getByText("Request sent")).toBeVisible();
  const audit = await db.auditEvent.findFirst({
    where: { subjectId: requester.id, action: "profile.updated" },
  });
  expect(audit?.after).toMatchObject({ company: "Fabrikam", jobTitle: "Network engineer" });
});

test("an identifier that matches no account gets help, and a malformed one a field message", async ({
  page,
  createUser,
  signInAs,
  expectAccessible,
}) => {
  await signInAs(page, (await createUser()).id);
  await page.goto("/requests/new");
  await page.getByLabel("Account Domain Identifier").fill("nobody-has-this.example");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByText("No Smart Account matches nobody-has-this.example")).toBeVisible();
  await expect(
    page.getByText("Check the identifier with your company's Smart Account administrator"),
  ).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Account Domain Identifier").fill("not a domain");
  await page.getByRole("button", { name: "Submit" }).click();
  await expect(page.getByText("Enter an identifier such as acme.com.")).toBeVisible();
  await expect(page.getByLabel("Account Domain Identifier")).toHaveAttribute(
    "aria-invalid",
    "true",
  );
});

test("from Your Access Requests the requester sends a reminder and withdraws", async ({
  page,
  db,
  createUser,
  signInAs,
  waitForMail,
  expectAccessible,
}) => {
  const domain = domainName();
  const adminEmail = `admin-${randomBytes(3).toString("hex")}@example.com`;
  const account = await accountWithAdmin(db, domain, "Reminder Co", adminEmail);
  const requester = await createUser({ firstName: "Theo", lastName: "Wait" });
  await db.accessRequest.create({
    data: {
      requesterId: requester.id,
      accountId: account.id,
      domain,
      reason: "Waiting for two days already.",
      createdAt: new Date(Date.now() - 2 * 86_400_000),
      expiresAt: new Date(Date.now() + 28 * 86_400_000),
    },
  });
  await signInAs(page, requester.id);
  await page.goto("/requests");
  await expect(page.getByRole("heading", { name: "Reminder Co" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Send a reminder" }).click();
  await expect(page.getByText("A reminder was sent to the administrators.")).toBeVisible();
  await expect(page.getByText(/You can send the next reminder/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Send a reminder" })).toBeDisabled();
  const reminder = await waitForMail((m) => m.to.includes(adminEmail));
  expect(reminder.subject).toBe("Reminder: Theo Wait is waiting for access to Reminder Co");

  const withdraw = page.getByRole("button", { name: "Withdraw" });
  await withdraw.click();
  const confirm = page.getByRole("dialog", { name: "Reminder Co" });
  await expect(confirm).toContainText("Withdraw this request?");
  await expectAccessible(page);
  // Escape keeps the request and gives focus back to the Withdraw button.
  await page.keyboard.press("Escape");
  await expect(confirm).toBeHidden();
  await expect(withdraw).toBeFocused();
  await withdraw.click();
  await confirm.getByRole("button", { name: "Yes, withdraw" }).click();
  await expect(page.getByText("Withdrawn", { exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Withdraw" })).toHaveCount(0);
});

test("someone with no requests sees an empty state that leads to the request page", async ({
  page,
  createUser,
  signInAs,
  expectAccessible,
}) => {
  await signInAs(page, (await createUser()).id);
  await page.goto("/requests");
  await expect(
    page.getByText("You have not requested access to any Smart Account yet."),
  ).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Request access to a Smart Account" }).click();
  await expect(page).toHaveURL(/\/requests\/new$/);
});

test("the whole path in French, with the published wording", async ({
  page,
  db,
  createUser,
  signInAs,
  waitForMail,
  expectAccessible,
}) => {
  const domain = domainName();
  const adminEmail = `admin-${randomBytes(3).toString("hex")}@example.com`;
  await accountWithAdmin(db, domain, "Société Démo", adminEmail, "fr");
  const requester = await createUser({ locale: "fr", firstName: "Léa", lastName: "Roux" });
  await signInAs(page, requester.id);
  await page.goto("/");
  await page.getByRole("button", { name: "Menu" }).click();
  // The panel loads on first use: wait for it rather than click the home page's link behind it.
  await page
    .getByRole("dialog", { name: "Menu" })
    .getByRole("link", { name: "Demander l'accès à un compte Smart existant" })
    .click();
  await expect(
    page.getByRole("heading", { name: "Demander l'accès à un compte Smart existant", level: 1 }),
  ).toBeVisible();
  await page.getByLabel("Identifiant de domaine du compte").fill(domain);
  await page.getByRole("button", { name: "Soumettre" }).click();
  await page.getByLabel("Motif de la demande").fill("Je gère les licences de notre équipe réseau.");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Envoyer la demande" }).click();
  await expect(page.getByText("Demande envoyée")).toBeVisible();
  const mail = await waitForMail((m) => m.to.includes(adminEmail));
  expect(mail.subject).toBe("Léa Roux demande l'accès à Société Démo");
  await page.getByRole("link", { name: "Voir vos demandes d'accès" }).click();
  await expect(page.getByRole("heading", { name: "Vos demandes d'accès" })).toBeVisible();
  await expect(page.getByRole("button", { name: "Envoyer un rappel" })).toBeDisabled();
  await expectAccessible(page);
});
