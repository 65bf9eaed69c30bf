import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createAccount, createRequest, createVirtualAccount } from "../factories";
import { expect, test } from "./support/fixtures";

const tag = () => randomBytes(3).toString("hex");

// A whole journey (administrator, then member), on a 2-core machine that may be busy.
test.describe.configure({ timeout: 120_000 });

/**
 * A Stark Industries like the demo's (DEFAULT, Engineering > Firmware, Sales) administered by
 * `adminId`, with a pending request of `requesterId`.
 */
async function starkWithRequest(db: PrismaClient, adminId: string, requesterId: string) {
  const name = `Stark Industries ${tag()}`;
  const account = await createAccount(
    { name, domains: [`${tag()}.example`], admins: [{ userId: adminId }] },
    db,
  );
  const engineering = await createVirtualAccount(account.id, { name: "Engineering" }, db);
  await createVirtualAccount(account.id, { name: "Firmware", parentId: engineering.id }, db);
  await createVirtualAccount(account.id, { name: "Sales" }, db);
  const request = await createRequest(
    {
      requesterId,
      accountId: account.id,
      domain: "stark.example",
      reason: "I build the firmware of our suits.",
      daysAgo: 1,
    },
    db,
  );
  return { name, request };
}

test("an administrator approves a request for Engineering only, and the member sees that scope", async ({
  page,
  db,
  createUser,
  signInAs,
  waitForMail,
  expectAccessible,
}) => {
  const admin = await createUser({ firstName: "Ada", lastName: "Admin", locale: "en" });
  const rosa = await createUser({ firstName: "Rosa", lastName: "Park", locale: "en" });
  const { name, request } = await starkWithRequest(db, admin.id, rosa.id);

  await signInAs(page, admin.id);
  await page.goto(`/admin/requests/${request.id}`);
  await expect(
    page.getByRole("heading", { name: "Request from Rosa Park", level: 1 }),
  ).toBeVisible();
  await expect(page.getByRole("radio", { name: /^Entire Smart Account/ })).toBeChecked();
  await page.getByRole("radio", { name: /^Selected virtual accounts/ }).check();
  const tree = page.getByRole("group", { name: "Virtual accounts" });
  await expect(tree.getByRole("checkbox")).toHaveCount(4);
  // Nothing chosen yet: said before sending.
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(page.getByText("Choose at least one virtual account.")).toBeVisible();
  await tree.getByRole("checkbox", { name: "Engineering", exact: true }).check();
  await page.getByLabel("Role for Engineering").selectOption({ label: "Virtual Account User" });
  await page.getByRole("checkbox", { name: "Include its sub-accounts for Engineering" }).check();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(
    page.getByText("Approved. Rosa Park now has access to 1 virtual account and will be emailed."),
  ).toBeVisible();

  const mail = await waitForMail((m) => m.to.includes(rosa.email));
  expect(mail.subject).toBe(`Access granted to ${name}`);
  expect(mail.text).toContain("Engineering and its sub-accounts: Virtual Account User");

  await signInAs(page, rosa.id);
  await page.goto("/accounts");
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toContainText("Engineering and its sub-accounts: Virtual Account User");
  await expectAccessible(page);
  await page.goto("/requests");
  const item = page.getByRole("listitem").filter({ hasText: name });
  await expect(item).toContainText("Access granted:");
  await expect(item).toContainText("Engineering and its sub-accounts: Virtual Account User");
  await expectAccessible(page);

  // Ada widens Rosa's scope to Sales from the members page: the dialog starts from her access.
  await signInAs(page, admin.id);
  await page.goto(`/admin/accounts/${request.accountId}/members`);
  await page.getByRole("button", { name: "Change scope of Rosa Park" }).click();
  const dialog = page.getByRole("dialog", { name: "Scope of Rosa Park" });
  await expect(dialog.getByRole("radio", { name: /^Selected virtual accounts/ })).toBeChecked();
  await expect(dialog.getByRole("checkbox", { name: "Engineering", exact: true })).toBeChecked();
  await dialog.getByRole("checkbox", { name: "Sales", exact: true }).check();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Save the scope" }).click();
  await expect(page.locator(":focus")).toContainText(
    "The scope of Rosa Park has changed; they will be told by email.",
  );
  await expect(page.getByRole("row", { name: /Rosa Park/ })).toContainText(
    "Sales: Virtual Account User",
  );
  await expectAccessible(page);
});

test("en français : l'administrateur approuve pour Engineering seulement, le membre voit cette portée", async ({
  page,
  db,
  createUser,
  signInAs,
  waitForMail,
  expectAccessible,
}) => {
  const admin = await createUser({ firstName: "Bruno", lastName: "Lefèvre", locale: "fr" });
  const eric = await createUser({ firstName: "Éric", lastName: "Moreau", locale: "fr" });
  const { name, request } = await starkWithRequest(db, admin.id, eric.id);

  await signInAs(page, admin.id);
  await page.goto(`/admin/requests/${request.id}`);
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await page.getByRole("radio", { name: /^Comptes virtuels choisis/ }).check();
  await page
    .getByRole("group", { name: "Comptes virtuels" })
    .getByRole("checkbox", { name: "Engineering", exact: true })
    .check();
  await page
    .getByLabel("Rôle pour Engineering")
    .selectOption({ label: "Lecteur de compte virtuel" });
  await expectAccessible(page);
  await page.getByRole("button", { name: "Approuver", exact: true }).click();
  await expect(
    page.getByText("Approuvée. Éric Moreau a désormais accès à 1 compte virtuel", { exact: false }),
  ).toBeVisible();

  const mail = await waitForMail((m) => m.to.includes(eric.email));
  expect(mail.text).toContain("Engineering : Lecteur de compte virtuel");

  await signInAs(page, eric.id);
  await page.goto("/accounts");
  await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText(
    "Engineering : Lecteur de compte virtuel",
  );
  await expectAccessible(page);
  await page.goto("/requests");
  const item = page.getByRole("listitem").filter({ hasText: name });
  await expect(item).toContainText("Accès accordé :");
  await expect(item).toContainText("Engineering : Lecteur de compte virtuel");
  await expectAccessible(page);
});

test("in bulk, virtual accounts are offered only while the selected requests are of one account", async ({
  page,
  db,
  createUser,
  signInAs,
  expectAccessible,
}) => {
  const admin = await createUser({ firstName: "Ada", lastName: "Admin", locale: "en" });
  const tony = await createUser({ firstName: "Tony", lastName: "Suit", locale: "en" });
  const pepper = await createUser({ firstName: "Pepper", lastName: "Other", locale: "en" });
  const stark = await starkWithRequest(db, admin.id, tony.id);
  const other = await starkWithRequest(db, admin.id, pepper.id);
  await signInAs(page, admin.id);
  await page.goto("/admin/requests");

  const selected = page.getByRole("radio", { name: /^Selected virtual accounts/ });
  await page.getByRole("checkbox", { name: "Select the request from Tony Suit" }).check();
  await page.getByRole("checkbox", { name: "Select the request from Pepper Other" }).check();
  await expect(selected).toBeDisabled();
  await expect(page.getByText(/^Only for requests of one account/)).toBeVisible();
  await page.getByRole("checkbox", { name: "Select the request from Pepper Other" }).uncheck();
  await expect(selected).toBeEnabled();
  await selected.check();
  await page
    .getByRole("group", { name: "Virtual accounts" })
    .getByRole("checkbox", { name: "Sales", exact: true })
    .check();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Approve selected" }).click();
  const dialog = page.getByRole("dialog", { name: "Approve 1 request?" });
  await expect(dialog).toContainText("these virtual accounts only: Sales: Virtual Account User");
  await dialog.getByRole("button", { name: "Yes, go ahead" }).click();
  await expect(page.locator(":focus")).toContainText("1 request approved.");

  const granted = await db.accessRequest.findUniqueOrThrow({ where: { id: stark.request.id } });
  expect(granted.grantedScope).toMatchObject({
    scope: "virtualAccounts",
    virtualAccounts: [{ path: ["Sales"], role: "USER" }],
  });
  expect(
    (await db.accessRequest.findUniqueOrThrow({ where: { id: other.request.id } })).status,
  ).toBe("PENDING");
});
