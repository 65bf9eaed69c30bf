import { randomBytes } from "node:crypto";
import { expect, linkIn, test } from "./support/fixtures";

const uniqueEmail = () => `new-${randomBytes(4).toString("hex")}@example.com`;

test("a new user signs in with an emailed link, then signs out", async ({ page, waitForMail, expectAccessible }) => {
  const email = uniqueEmail();
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("Work email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expectAccessible(page);

  const mail = await waitForMail((m) => m.to.includes(email));
  expect(mail.subject).toBe("Your sign-in link");
  await page.goto(linkIn(mail.text, "/api/auth/callback/email"));
  await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible();
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Sign out" }).click();
  await expect(page.getByRole("heading", { name: "Sign out" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a sign-in link works once; reusing it explains what happened", async ({ page, waitForMail, expectAccessible }) => {
  const email = uniqueEmail();
  await page.goto("/sign-in");
  await page.getByLabel("Work email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const link = linkIn((await waitForMail((m) => m.to.includes(email))).text, "/api/auth/callback/email");
  await page.goto(link);
  await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible();

  await page.context().clearCookies();
  await page.goto(link);
  await expect(page.getByText("This sign-in link has already been used or has expired")).toBeVisible();
  await expectAccessible(page);
});

test("an invalid email address gets a message on the field", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Work email address").fill("not-an-email");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Enter a valid email address" })).toHaveText(
    "Enter a valid email address, like name@company.com.",
  );
  await expect(page.getByLabel("Work email address")).toHaveAttribute("aria-invalid", "true");
});

test("company SSO signs in through a real OpenID Connect provider", async ({ page, db }) => {
  const email = uniqueEmail();
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with Acme SSO" }).click();
  // The provider's own development login form.
  await page.locator('input[name="login"]').fill(email);
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  const user = await db.user.findUniqueOrThrow({ where: { email }, include: { authAccounts: true } });
  expect(user.authAccounts.map((account) => account.provider)).toEqual(["oidc"]);
});

test("the language switcher shows the portal in French and remembers it", async ({ page, createUser, signInAs, db, expectAccessible }) => {
  const user = await createUser({ firstName: "Zoé" });
  await signInAs(page, user.id);
  await page.goto("/");
  await page.getByRole("button", { name: "Français" }).click();
  await expect(page.getByRole("heading", { name: "Bienvenue, Zoé" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expectAccessible(page);
  expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe("fr");

  await page.getByRole("button", { name: "English" }).click();
  await expect(page.getByRole("heading", { name: "Welcome, Zoé" })).toBeVisible();
});

test("the development mailbox shows the sign-in email and its link signs in", async ({ page, expectAccessible }) => {
  const email = uniqueEmail();
  await page.goto("/sign-in");
  await page.getByLabel("Work email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await page.getByRole("link", { name: /development mailbox/ }).click();
  await expect(page.getByRole("heading", { name: "Development mailbox" })).toBeVisible();
  await expect(page.getByText(`To: ${email}`).first()).toBeVisible();
  await expectAccessible(page);
  await page.frameLocator("iframe").getByRole("link", { name: "Sign in", exact: true }).click();
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
});

test("health reports the database, migrations and outbox", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", database: "up", migrations: { pending: [] } });
  expect(typeof body.outbox.queued).toBe("number");
});
