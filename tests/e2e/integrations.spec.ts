import { randomBytes } from "node:crypto";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { expect, test } from "./support/fixtures";

const tag = () => randomBytes(3).toString("hex");
test.describe.configure({ timeout: 120_000 });

async function accountOf(db: PrismaClient, adminId: string) {
  return db.account.create({
    data: {
      name: `Initrode ${tag()}`,
      domains: { create: [{ domain: `${tag()}.example` }] },
      memberships: { create: [{ userId: adminId, role: "ADMIN" }] },
    },
  });
}

test("an administrator creates an API token, sees it once, uses it, and revokes it", async ({
  page,
  db,
  createUser,
  signInAs,
  expectAccessible,
}) => {
  const admin = await createUser({ firstName: "Tara", lastName: "Token" });
  const account = await accountOf(db, admin.id);
  await signInAs(page, admin.id);
  await page.goto("/admin/accounts");
  await page.getByRole("link", { name: "API tokens" }).click();
  await expect(page.getByRole("heading", { name: "API tokens", level: 1 })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("Give the token a name.")).toBeVisible();
  await page.getByLabel("Name", { exact: true }).fill("CRM sync");
  await page.getByRole("checkbox", { name: /^requests:read/ }).check();
  await page.getByLabel("Expires after").selectOption({ label: "30 days" });
  await page.getByRole("checkbox", { name: account.name }).check();
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.getByText("Token CRM sync created")).toBeVisible();
  const token = await page.getByLabel("Your new token").inputValue();
  expect(token).toMatch(/^sap_/);
  await expectAccessible(page);

  const row = page.getByRole("row", { name: /CRM sync/ });
  await expect(row).toContainText(token.slice(0, 10));
  await expect(row).toContainText("Active");
  const accounts = await page.request.get("/api/v1/accounts", {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(await accounts.json()).toEqual({ data: [{ id: account.id, name: account.name }] });

  await page.reload();
  await expect(page.getByLabel("Your new token")).toHaveCount(0);
  await expect(row).not.toContainText("Never");
  await row.getByRole("button", { name: "Revoke CRM sync" }).click();
  const dialog = page.getByRole("dialog", { name: "Revoke the token CRM sync?" });
  await expect(dialog).toBeVisible();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Revoke" }).click();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button")).toHaveCount(0);
  const refused = await page.request.get("/api/v1/accounts", {
    headers: { authorization: `Bearer ${token}` },
  });
  expect(refused.status()).toBe(401);
  expect(refused.headers()["content-type"]).toBe("application/problem+json");
});

test("an administrator registers a webhook and reads its delivery log", async ({
  page,
  db,
  createUser,
  signInAs,
  expectAccessible,
}) => {
  const admin = await createUser({ firstName: "Wendy", lastName: "Hook" });
  const requester = await createUser({ firstName: "Rita", lastName: "Request" });
  const account = await accountOf(db, admin.id);
  await signInAs(page, admin.id);
  await page.goto("/admin/webhooks");
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
  await expectAccessible(page);

  // Production: a local receiver is refused at once.
  await page.getByLabel("Endpoint URL").fill("http://127.0.0.1:9999/hooks");
  await page.getByRole("button", { name: "Register endpoint" }).click();
  await expect(page.getByText("The URL must start with https://.")).toBeVisible();
  // A name that never resolves (.invalid): the attempt fails at DNS, and the log says so.
  const url = `https://hooks-${tag()}.invalid/portal`;
  await page.getByLabel("Endpoint URL").fill(url);
  await page.getByLabel("Account").selectOption({ label: account.name });
  await page.getByRole("button", { name: "Register endpoint" }).click();
  await expect(page.getByText("Endpoint registered")).toBeVisible();
  expect(await page.getByLabel("Signing secret").inputValue()).toMatch(/^whsec_/);
  await expect(page.getByRole("row", { name: new RegExp(account.name) })).toContainText("None yet");

  // Something happens on the account: a request is denied.
  const request = await db.accessRequest.create({
    data: {
      requesterId: requester.id,
      accountId: account.id,
      domain: "example.com",
      reason: "I manage our licences.",
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  });
  await page.goto(`/admin/requests/${request.id}`);
  await page.getByRole("button", { name: "Deny" }).click();
  await expect(page.getByText("Denied. Rita Request will be emailed.")).toBeVisible();

  await page.goto("/admin/webhooks");
  await page.getByRole("link", { name: `Delivery log of ${url}` }).click();
  await expect(page.getByRole("heading", { name: `Deliveries to ${url}`, level: 1 })).toBeVisible();
  const delivery = page.getByRole("row", { name: /request\.denied/ });
  await expect(async () => {
    await page.reload();
    // A category, never the network error's text (which names the host): issue 26, point 7.
    await expect(delivery).toContainText(/DNS error: the name has no address in \d+ ms/, {
      timeout: 1000,
    });
  }).toPass({ timeout: 30_000 });
  await expect(delivery).not.toContainText("invalid");
  await expect(delivery).toContainText("Waiting");
  await expect(delivery).toContainText("Next attempt");
  await expectAccessible(page);

  await page.getByRole("button", { name: "Rotate the secret" }).click();
  await page
    .getByRole("dialog", { name: "Rotate the signing secret?" })
    .getByRole("button", { name: "Rotate" })
    .click();
  expect(await page.getByLabel("New signing secret").inputValue()).toMatch(/^whsec_/);
  await page.getByRole("button", { name: "Disable the endpoint" }).click();
  await expect(
    page.getByText(
      "The endpoint is disabled: nothing more is sent to it, and its waiting deliveries are cancelled.",
    ),
  ).toBeVisible();
  await expect(page.getByRole("button", { name: "Enable the endpoint" })).toBeVisible();
  // The waiting delivery is not silently gone: the log shows it cancelled (issue 26, point 4).
  await page.reload();
  await expect(delivery).toContainText("Cancelled");
  await expect(delivery).not.toContainText("Next attempt");
  await expectAccessible(page);
});

test("the API reference renders the OpenAPI document under the portal's CSP", async ({
  page,
  expectAccessible,
}) => {
  const document = await page.request.get("/api/v1/openapi.json");
  expect((await document.json()).openapi).toBe("3.1.0");
  await page.goto("/api-reference");
  await expect(
    page.getByRole("heading", { name: /Smart Account access portal API/ }),
  ).toBeVisible();
  await expect(page.getByText("Check a person's access").first()).toBeVisible();
  await expect(page.getByText("/accounts/{accountId}/members/{email}").first()).toBeVisible();
  await expectAccessible(page);
});
