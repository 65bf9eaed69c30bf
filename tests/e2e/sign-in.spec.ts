import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, linkIn, test } from "./support/fixtures";
import { UNVERIFIED_LOGIN_PREFIX } from "./support/oidc-provider";

const uniqueEmail = () => `new-${randomBytes(4).toString("hex")}@example.com`;

test("a new user signs in with an emailed link, then signs out", async ({
  page,
  waitForMail,
  expectAccessible,
}) => {
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

test("a sign-in link works once; reusing it explains what happened", async ({
  page,
  waitForMail,
  expectAccessible,
}) => {
  const email = uniqueEmail();
  await page.goto("/sign-in");
  await page.getByLabel("Work email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const link = linkIn(
    (await waitForMail((m) => m.to.includes(email))).text,
    "/api/auth/callback/email",
  );
  await page.goto(link);
  await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible();

  await page.context().clearCookies();
  await page.goto(link);
  await expect(
    page.getByText("This sign-in link has already been used or has expired"),
  ).toBeVisible();
  await expectAccessible(page);
});

test("an invalid email address gets a message on the field", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Work email address").fill("not-an-email");
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(
    page.getByRole("alert").filter({ hasText: "Enter a valid email address" }),
  ).toHaveText("Enter a valid email address, like name@company.com.");
  await expect(page.getByLabel("Work email address")).toHaveAttribute("aria-invalid", "true");
});

/** Through the provider's own development login form, with `login` as the account. */
async function signInWithSso(page: Page, login: string) {
  await page.goto("/sign-in");
  await page.getByRole("button", { name: "Sign in with Acme SSO" }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test("company SSO signs in through a real OpenID Connect provider", async ({ page, db }) => {
  const email = uniqueEmail();
  await signInWithSso(page, email);
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  const user = await db.user.findUniqueOrThrow({
    where: { email },
    include: { authAccounts: true },
  });
  expect(user.authAccounts.map((account) => account.provider)).toEqual(["oidc"]);
});

test("company SSO signs in an existing user when the provider verified the address", async ({
  page,
  db,
  createUser,
}) => {
  const user = await createUser();
  await signInWithSso(page, user.email);
  await expect(page.getByText(`Signed in as ${user.email}`)).toBeVisible();
  const links = await db.authAccount.findMany({
    where: { userId: user.id },
    select: { provider: true },
  });
  expect(links).toEqual([{ provider: "oidc" }]);
});

test("company SSO refuses an address the provider did not verify, for an existing user and a new one", async ({
  page,
  db,
  createUser,
  expectAccessible,
}) => {
  const user = await createUser();
  await signInWithSso(page, `${UNVERIFIED_LOGIN_PREFIX}${user.email}`);
  await expect(page.getByRole("heading", { name: "We could not sign you in" })).toBeVisible();
  await expect(
    page.getByRole("alert").filter({ hasText: "did not confirm that this email address is yours" }),
  ).toBeVisible();
  await expectAccessible(page);
  expect(await db.authAccount.count({ where: { userId: user.id } })).toBe(0);
  expect(await db.session.count({ where: { userId: user.id } })).toBe(0);
  await page.goto("/");
  await expect(page).toHaveURL(/\/sign-in/);

  const stranger = uniqueEmail();
  // A new login at the provider, not its session of the first one.
  await page.context().clearCookies();
  await signInWithSso(page, `${UNVERIFIED_LOGIN_PREFIX}${stranger}`);
  await expect(
    page.getByRole("alert").filter({ hasText: "did not confirm that this email address is yours" }),
  ).toBeVisible();
  expect(await db.user.count({ where: { email: stranger } })).toBe(0);
});

test("a sign-in link lives 15 minutes, and the page and the email say so", async ({
  page,
  db,
  waitForMail,
}) => {
  const email = uniqueEmail();
  await page.goto("/sign-in");
  await page.getByLabel("Work email address").fill(email);
  const asked = Date.now();
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("status")).toHaveText(/expires in 15 minutes/);
  const token = await db.verificationToken.findFirstOrThrow({ where: { identifier: email } });
  expect(token.expires.getTime() - asked).toBeGreaterThan(14 * 60_000);
  expect(token.expires.getTime() - asked).toBeLessThanOrEqual(15 * 60_000 + 5_000);
  expect((await waitForMail((m) => m.to.includes(email))).text).toContain("expires in 15 minutes");
});

test("the language switcher shows the portal in French and remembers it", async ({
  page,
  createUser,
  signInAs,
  db,
  expectAccessible,
}) => {
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

test("health tells anyone the status alone, and support staff or the token the details", async ({
  request,
  page,
  createUser,
  signInAs,
}) => {
  const open = await request.get("/api/health");
  expect(open.status()).toBe(200);
  expect(await open.json()).toEqual({ status: "ok" });
  const wrongToken = await request.get("/api/health", {
    headers: { authorization: "Bearer not-the-token-not-the-token-not-the" },
  });
  expect(await wrongToken.json()).toEqual({ status: "ok" });

  const requester = await createUser();
  await signInAs(page, requester.id);
  expect(await (await page.request.get("/api/health")).json()).toEqual({ status: "ok" });
  await page.context().clearCookies();
  const staff = await createUser({ platformRole: "SUPPORT" });
  await signInAs(page, staff.id);
  expect(await (await page.request.get("/api/health")).json()).toMatchObject({
    status: "ok",
    database: "up",
    migrations: { pending: [] },
  });
});

test("health reports the database, migrations and outbox", async ({ request }) => {
  const response = await request.get("/api/health", {
    headers: { authorization: `Bearer ${process.env.E2E_HEALTH_TOKEN}` },
  });
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body).toMatchObject({ status: "ok", database: "up", migrations: { pending: [] } });
  expect(typeof body.outbox.queued).toBe("number");
});
