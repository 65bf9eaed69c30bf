import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { expect, test } from "./support/fixtures";

const tag = () => randomBytes(3).toString("hex");

// Several dialogs in a row on a 2-core machine that may be busy.
test.describe.configure({ timeout: 120_000 });

/** An account with DEFAULT, EMEA > France and Americas, and its Smart Account Administrator. */
async function treeAccount(db: PrismaClient, name: string, adminId: string) {
  const account = await db.account.create({
    data: {
      name,
      domains: { create: [{ domain: `${tag()}.example` }] },
      memberships: { create: [{ userId: adminId, role: "ADMIN" }] },
    },
  });
  const emea = await db.virtualAccount.create({ data: { accountId: account.id, name: "EMEA" } });
  const france = await db.virtualAccount.create({
    data: { accountId: account.id, name: "France", parentId: emea.id },
  });
  await db.virtualAccount.create({ data: { accountId: account.id, name: "Americas" } });
  return { account, emea, france };
}

test("an administrator adds, renames, moves and deletes virtual accounts, the deletion saying who loses access", async ({
  page,
  db,
  createUser,
  signInAs,
  expectAccessible,
}) => {
  const ada = await createUser({ firstName: "Ada", lastName: "Admin" });
  const fanny = await createUser({ firstName: "Fanny", lastName: "France" });
  const name = `Tree ${tag()}`;
  const { account, france } = await treeAccount(db, name, ada.id);
  const membership = await db.membership.create({
    data: { userId: fanny.id, accountId: account.id, role: "VIEWER", scope: "VIRTUAL_ACCOUNTS" },
  });
  await db.virtualAccountGrant.create({
    data: { membershipId: membership.id, virtualAccountId: france.id, role: "USER" },
  });
  await signInAs(page, ada.id);

  await page.goto(`/admin/accounts/${account.id}/members`);
  await page.getByRole("link", { name: "Virtual accounts" }).click();
  await expect(
    page.getByRole("heading", { name: `Virtual accounts of ${name}`, level: 1 }),
  ).toBeVisible();
  await expect(page.getByText("1 person has access to the entire Smart Account")).toBeVisible();
  const france_ = page.getByRole("listitem").filter({ hasText: /^France/ });
  await expect(france_).toContainText("1 person granted here");
  await expectAccessible(page);

  // Add Germany below EMEA, with the keyboard.
  const emeaActions = page.getByRole("group", { name: "Actions for EMEA" });
  await emeaActions.getByRole("button", { name: "Add sub-account" }).focus();
  await page.keyboard.press("Enter");
  const add = page.getByRole("dialog", { name: "Add a sub-account to EMEA" });
  await add.getByLabel("Name").fill("France");
  await add.getByRole("button", { name: "Add" }).click();
  await expect(add.getByRole("alert")).toHaveText(
    "Another virtual account beside it already has this name.",
  );
  await add.getByLabel("Name").fill("Germany");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "Germany added." })).toBeVisible();
  await expect(page.getByRole("group", { name: "Actions for Germany" })).toBeVisible();

  // Rename it, then move it to the top.
  await page
    .getByRole("group", { name: "Actions for Germany" })
    .getByRole("button", { name: "Rename" })
    .click();
  const rename = page.getByRole("dialog", { name: "Rename Germany" });
  await rename.getByLabel("Name").fill("Deutschland");
  await rename.getByRole("button", { name: "Rename" }).click();
  await expect(page.getByText("Renamed to Deutschland.")).toBeVisible();
  await page
    .getByRole("group", { name: "Actions for Deutschland" })
    .getByRole("button", { name: "Move" })
    .click();
  const move = page.getByRole("dialog", { name: "Move Deutschland" });
  await move.getByLabel("New place").selectOption({ label: "At the top (no parent)" });
  await expectAccessible(page);
  await move.getByRole("button", { name: "Move" }).click();
  await expect(page.getByText("Deutschland moved.")).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: /^EMEA/ })).not.toContainText(
    "Deutschland",
  );

  // Delete EMEA: France goes with it, and Fanny loses all access.
  await emeaActions.getByRole("button", { name: "Delete" }).click();
  const remove = page.getByRole("dialog", { name: "Delete EMEA?" });
  await expect(remove).toContainText("Deleting EMEA also deletes:");
  await expect(remove).toContainText("EMEA / France");
  await expect(remove).toContainText("1 person loses access there:");
  await expect(remove).toContainText(`Fanny France (${fanny.email}): loses all access to ${name}`);
  await expectAccessible(page);
  // Meanwhile someone else is granted France: the confirmation is of a preview that no longer holds.
  const gus = await createUser({ firstName: "Gus", lastName: "Late" });
  const late = await db.membership.create({
    data: { userId: gus.id, accountId: account.id, role: "VIEWER", scope: "VIRTUAL_ACCOUNTS" },
  });
  await db.virtualAccountGrant.create({
    data: { membershipId: late.id, virtualAccountId: france.id, role: "VIEWER" },
  });
  await remove.getByRole("button", { name: "Delete" }).click();
  await expect(remove.getByRole("alert")).toContainText("What this deletes changed meanwhile");
  await expect(remove).toContainText("2 people lose access there:");
  await expect(remove).toContainText("Gus Late");
  await remove.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("EMEA deleted.")).toBeVisible();
  await expect(page.getByRole("group", { name: "Actions for France" })).toHaveCount(0);
  expect(await db.membership.findUniqueOrThrow({ where: { id: membership.id } })).toMatchObject({
    active: false,
    endCause: "REMOVED",
  });

  // A phone-sized screen.
  await page.setViewportSize({ width: 375, height: 740 });
  await expect(page.getByRole("group", { name: "Actions for Deutschland" })).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await page.screenshot({ path: "test-results/virtual-accounts-phone.png", fullPage: true });
});

test("en français : Vera gère sa branche, sans voir Americas ; le support lit l’arborescence", async ({
  page,
  db,
  createUser,
  signInAs,
  expectAccessible,
}) => {
  const ada = await createUser({ firstName: "Ada", lastName: "Admin" });
  const vera = await createUser({ firstName: "Vera", lastName: "Branche", locale: "fr" });
  const name = `Arbre ${tag()}`;
  const { account, emea } = await treeAccount(db, name, ada.id);
  const membership = await db.membership.create({
    data: { userId: vera.id, accountId: account.id, role: "VIEWER", scope: "VIRTUAL_ACCOUNTS" },
  });
  await db.virtualAccountGrant.create({
    data: {
      membershipId: membership.id,
      virtualAccountId: emea.id,
      role: "ADMIN",
      includeSubAccounts: true,
    },
  });
  await signInAs(page, vera.id);
  await page.goto(`/admin/accounts/${account.id}/virtual-accounts`);
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(
    page.getByRole("heading", { name: `Comptes virtuels de ${name}`, level: 1 }),
  ).toBeVisible();
  await expect(page.getByRole("group", { name: "Actions pour France" })).toBeVisible();
  await expect(page.getByText("Americas")).toHaveCount(0);
  // The top of her branch: sub-accounts only.
  const emeaActions = page.getByRole("group", { name: "Actions pour EMEA" });
  await expect(emeaActions.getByRole("button")).toHaveText(["Ajouter un sous-compte"]);
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/virtual-accounts-fr.png", fullPage: true });

  const sue = await createUser({ firstName: "Sue", lastName: "Support", platformRole: "SUPPORT" });
  await signInAs(page, sue.id);
  await page.goto(`/admin/accounts/${account.id}/virtual-accounts`);
  await expect(page.getByText("Read-only: support staff see the tree")).toBeVisible();
  await expect(page.getByText("Americas")).toBeVisible();
  await expect(page.getByRole("button", { name: "Rename" })).toHaveCount(0);
  await expectAccessible(page);
});
