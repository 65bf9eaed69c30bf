import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { expect, test } from "./support/fixtures";

/*
 * A Virtual Account Administrator (issue 27): Vera administers EMEA (with France below it) of an
 * account that also has Americas. She reaches its members from the menu, sees and manages only
 * EMEA's people, in English and in French.
 */

const tag = () => randomBytes(3).toString("hex");

test.describe.configure({ timeout: 120_000 });

async function scoped(
  db: PrismaClient,
  userId: string,
  accountId: string,
  grants: { virtualAccountId: string; role: "ADMIN" | "USER"; includeSubAccounts?: boolean }[],
) {
  await db.membership.create({
    data: {
      userId,
      accountId,
      role: "VIEWER",
      scope: "VIRTUAL_ACCOUNTS",
      grants: { create: grants },
    },
  });
}

async function openFromMenu(page: Page, menu: RegExp, link: string) {
  await page.goto("/");
  await page.getByRole("button", { name: menu }).click();
  await page.getByRole("dialog", { name: menu }).getByRole("link", { name: link }).click();
}

test("a Virtual Account Administrator manages EMEA's people and never sees Americas, in English and French", async ({
  page,
  db,
  createUser,
  signInAs,
  waitForMail,
  expectAccessible,
}) => {
  const vera = await createUser({ firstName: "Vera", lastName: "Novak" });
  const eric = await createUser({ firstName: "Éric", lastName: "Moreau", locale: "fr" });
  const ana = await createUser({ firstName: "Ana", lastName: "Silva" });
  const alice = await createUser({ firstName: "Alice", lastName: "Admin" });
  const name = `Acme ${tag()}`;
  const account = await db.account.create({
    data: {
      name,
      domains: { create: [{ domain: `${tag()}.example` }] },
      memberships: { create: [{ userId: alice.id, role: "ADMIN" }] },
    },
  });
  const americas = await db.virtualAccount.create({
    data: { accountId: account.id, name: "Americas" },
  });
  const emea = await db.virtualAccount.create({ data: { accountId: account.id, name: "EMEA" } });
  const france = await db.virtualAccount.create({
    data: { accountId: account.id, name: "France", parentId: emea.id },
  });
  await scoped(db, vera.id, account.id, [
    { virtualAccountId: emea.id, role: "ADMIN", includeSubAccounts: true },
  ]);
  await scoped(db, eric.id, account.id, [{ virtualAccountId: france.id, role: "USER" }]);
  await scoped(db, ana.id, account.id, [{ virtualAccountId: americas.id, role: "USER" }]);
  await signInAs(page, vera.id);

  await openFromMenu(page, /^Menu/, "Accounts You Manage");
  await page.getByRole("link", { name: `Members of ${name}` }).click();
  await expect(page.getByRole("heading", { name: `Members of ${name}`, level: 1 })).toBeVisible();
  await expect(page.getByRole("row", { name: /Éric Moreau/ })).toContainText(
    "EMEA / France: Virtual Account User",
  );
  await expect(page.getByRole("row", { name: /Vera Novak/ })).toContainText(
    "EMEA and its sub-accounts: Virtual Account Administrator",
  );
  // Neither Americas' people nor Americas itself, in the list or in any picker.
  await expect(page.getByRole("main")).not.toContainText("Ana Silva");
  await expect(page.getByRole("main")).not.toContainText("Alice Admin");
  await expect(page.getByLabel("Virtual account", { exact: true })).not.toContainText("Americas");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Give a member a role on a virtual account" }).click();
  const add = page.getByRole("dialog", { name: "Give a role on a virtual account" });
  await expect(add.getByLabel("Virtual account", { exact: true })).toContainText("EMEA / France");
  await expect(add.getByLabel("Virtual account", { exact: true })).not.toContainText("Americas");
  await expectAccessible(page);
  await add.getByRole("button", { name: "Cancel" }).click();

  await page
    .getByRole("button", { name: "Change the role of Éric Moreau on EMEA / France" })
    .click();
  const change = page.getByRole("dialog", { name: "Role of Éric Moreau on EMEA / France" });
  await change.getByLabel("Role").selectOption({ label: "Virtual Account Viewer" });
  await change.getByRole("button", { name: "Save" }).click();
  await expect(
    page.getByText("The role of Éric Moreau on EMEA / France was changed; they will be emailed."),
  ).toBeVisible();
  await expect(page.getByRole("row", { name: /Éric Moreau/ })).toContainText(
    "EMEA / France: Virtual Account Viewer",
  );
  // Éric is told in his language.
  const mail = await waitForMail((m) => m.to.includes(eric.email));
  expect(mail.subject).toBe(`Votre accès à ${name} a changé`);
  expect(mail.text).toContain("EMEA / France : Lecteur de compte virtuel");

  // The same page in French.
  await db.user.update({ where: { id: vera.id }, data: { locale: "fr" } });
  await page.goto(`/admin/accounts/${account.id}/members`);
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { name: `Membres de ${name}`, level: 1 })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Portée" })).toBeVisible();
  await expect(page.getByRole("row", { name: /Vera Novak/ })).toContainText(
    "EMEA et ses sous-comptes : Administrateur de compte virtuel",
  );
  await expect(page.getByRole("main")).not.toContainText("Americas");
  await expect(page.getByRole("main")).not.toContainText("Ana Silva");
  await expectAccessible(page);
  // Americas' members stay out of reach by address too.
  const response = await page.goto(`/admin/accounts/${account.id}/members?va=${americas.id}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("main")).not.toContainText("Ana Silva");
});
