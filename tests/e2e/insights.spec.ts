import { readFileSync } from "node:fs";
import type { Locator, Page } from "@playwright/test";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createAccount, createRequest } from "../factories";
import { parseCsv } from "../integration/support-csv-reader";
import { expect, test } from "./support/fixtures";

/*
 * The insights page (issue 29) as its people use it: Alice (administrator of three demo accounts),
 * support staff (every account, delivery too), a requester (not found), in English and French and
 * on a phone. The demo's numbers change with its history, so the tests compare the page with
 * itself (table, CSV) and check exact numbers only on data they make.
 */

const ALICE = "alice.admin@example.com";

async function signInByEmail(
  page: Page,
  db: PrismaClient,
  email: string,
  signInAs: (page: Page, userId: string) => Promise<void>,
) {
  const user = await db.user.findUniqueOrThrow({ where: { email } });
  await signInAs(page, user.id);
  return user;
}

/**
 * Scrolls to each chart box and waits until it holds its drawing (charts are drawn in the browser,
 * as each comes into view), then back to the top.
 */
async function chartsDrawn(page: Page) {
  const frames = page.locator("section [aria-hidden='true'] > div.h-64");
  const count = await frames.count();
  for (let index = 0; index < count; index += 1) {
    await frames.nth(index).scrollIntoViewIfNeeded();
    await expect(frames.nth(index).locator("svg.recharts-surface")).toBeVisible();
  }
  await page.evaluate(() => window.scrollTo(0, 0));
}

/** A chart's section, by its heading. */
const sectionOf = (page: Page, title: string) =>
  page.getByRole("region", { name: title, exact: true });

/** The table behind a section's "Show as table": header cells and rows of cell texts. */
async function tableOf(section: Locator) {
  const table = section.getByRole("table");
  const header = await table.locator("thead th").allInnerTexts();
  const rows = await table
    .locator("tbody tr")
    .evaluateAll((trs) =>
      trs.map((tr) =>
        [...tr.children].map(
          (cell) => cell.querySelector("time")?.getAttribute("datetime") ?? cell.textContent ?? "",
        ),
      ),
    );
  return { header, rows };
}

test("Alice sees her accounts' insights, changes period and account, reads a table and downloads it as CSV", async ({
  page,
  db,
  signInAs,
  expectAccessible,
}) => {
  await signInByEmail(page, db, ALICE, signInAs);
  // From the home page's tile.
  await page.goto("/");
  await page.getByRole("link", { name: /^Insights/ }).click();
  await expect(page).toHaveURL(/\/insights$/);
  await expect(page.getByRole("heading", { name: "Insights", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "All your accounts", level: 2 })).toBeVisible();
  await expect(page.getByText(/: the last 30 days\. Weeks start on Monday/)).toBeVisible();

  // Her accounts only, and no delivery charts (support staff's).
  // (Other specs running at the same time may give Alice accounts of their own: the demo's are
  // checked by name, and Bruno's are not hers.)
  const account = page.getByLabel("Account");
  await expect(account.locator("option").first()).toHaveText("All your accounts");
  const options = await account.locator("option").allTextContents();
  expect(options).toEqual(
    expect.arrayContaining(["Acme Corporation", "Acme Europe", "Stark Industries"]),
  );
  expect(options).not.toContain("Acme Labs");
  expect(options).not.toContain("Globex");
  await expect(page.getByRole("heading", { name: "Requests per week by outcome" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Time to decision" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Pending requests by age" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Reminders and escalations" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Email delivery" })).toHaveCount(0);
  await chartsDrawn(page);
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/insights-alice-en-desktop.png", fullPage: true });

  // The period, then one account: the form is a plain GET form.
  await page.getByLabel("Period").selectOption("90");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/\/insights\?period=90(&account=)?$/);
  await expect(page.getByText(/: the last 90 days\./)).toBeVisible();
  await page.getByLabel("Account").selectOption({ label: "Acme Corporation" });
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page).toHaveURL(/\/insights\?period=90&account=demo-account-acme-corp$/);
  await expect(page.getByRole("heading", { name: "Acme Corporation", level: 2 })).toBeVisible();
  await expect(page.getByLabel("Period")).toHaveValue("90");
  await expect(page.getByLabel("Account")).toHaveValue("demo-account-acme-corp");

  // The outcomes table (Acme Corporation's demo requests of the last 90 days), and its CSV: the same
  // header and the same rows.
  const outcomes = sectionOf(page, "Requests per week by outcome");
  await outcomes.getByText("Show as table").click();
  const table = await tableOf(outcomes);
  expect(table.header).toEqual([
    "Week of",
    "Approved",
    "Denied",
    "Withdrawn",
    "Expired",
    "Pending",
  ]);
  await expectAccessible(page);
  const downloading = page.waitForEvent("download");
  await outcomes
    .getByRole("link", { name: /^Download CSV ?: Requests per week by outcome$/ })
    .click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(
    `insights-outcomes-${new Date().toISOString().slice(0, 10)}.csv`,
  );
  const csv = parseCsv(readFileSync((await download.path())!, "utf8").replace(/^\uFEFF/, ""));
  expect(csv[0]).toEqual(table.header);
  // Every week of 90 days, oldest first, as in the table (weeks as their Monday, numbers plain).
  expect(csv.slice(1)).toEqual(table.rows);
  expect(csv.length - 1).toBeGreaterThanOrEqual(13);
  expect(csv.slice(1).some((row) => row.slice(1).some((count) => count !== "0"))).toBe(true);
});

test("an administrator's charts hold exactly the requests of their account", async ({
  page,
  db,
  createUser,
  signInAs,
}) => {
  const admin = await createUser({ firstName: "Ines", lastName: "Sight" });
  const account = await createAccount(
    { name: `Insight Labs ${Date.now()}`, admins: [{ userId: admin.id }] },
    db,
  );
  // Two pending for about a day, one approved four days ago after two hours.
  await createRequest({ accountId: account.id, daysAgo: 1.5 }, db);
  await createRequest({ accountId: account.id, daysAgo: 1.2 }, db);
  const approved = await createRequest({ accountId: account.id, daysAgo: 4 }, db);
  await db.accessRequest.update({
    where: { id: approved.id },
    data: {
      status: "APPROVED",
      decidedById: admin.id,
      decidedAt: new Date(approved.createdAt.getTime() + 2 * 3600_000),
    },
  });
  await signInAs(page, admin.id);
  await page.goto("/insights");
  await expect(page.getByRole("heading", { name: "All your accounts", level: 2 })).toBeVisible();

  const outcomes = sectionOf(page, "Requests per week by outcome");
  await outcomes.getByText("Show as table").click();
  const weeks = (await tableOf(outcomes)).rows;
  const total = (column: number) => weeks.reduce((sum, row) => sum + Number(row[column]), 0);
  expect([1, 2, 3, 4, 5].map(total)).toEqual([1, 0, 0, 0, 2]);

  const pending = sectionOf(page, "Pending requests by age");
  await pending.getByText("Show as table").click();
  expect((await tableOf(pending)).rows).toEqual([
    ["Less than 1 day", "0"],
    ["1 to 3 days", "2"],
    ["3 to 7 days", "0"],
    ["7 days or more", "0"],
  ]);

  const decisions = sectionOf(page, "Time to decision");
  await decisions.getByText("Show as table").click();
  const decided = (await tableOf(decisions)).rows.filter((row) => row[1] !== "0");
  expect(decided.map((row) => row.slice(1))).toEqual([["1", "2", "2"]]);
  await expect(sectionOf(page, "Reminders and escalations")).toContainText(
    "No reminder was sent and no request was escalated in this period.",
  );
});

test("support staff see every account and delivery, and find an account by its name", async ({
  page,
  db,
  signInAs,
  expectAccessible,
}) => {
  await signInByEmail(page, db, "sam.support@example.com", signInAs);
  await page.goto("/insights");
  await expect(page.getByRole("heading", { name: "All accounts", level: 2 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Email delivery" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Webhook deliveries" })).toBeVisible();
  await expect(page.getByText(/^Success rate: /)).toBeVisible();
  await chartsDrawn(page);
  await expectAccessible(page);

  await page.getByLabel("Find an account").fill("glob");
  await page.getByLabel("Find an account").press("Enter");
  await expect(page.getByText("One account matches “glob”:")).toBeVisible();
  await page.getByRole("link", { name: "Globex", exact: true }).click();
  await expect(page).toHaveURL(/\/insights\?period=30&account=demo-account-globex$/);
  await expect(page.getByRole("heading", { name: "Globex", level: 2 })).toBeVisible();
  await expect(page.getByText(/^The emails about this account's requests/)).toBeVisible();
  await expectAccessible(page);

  // An Account Domain Identifier finds its account too; "All accounts" goes back.
  await page.getByLabel("Find an account").fill("stark.com");
  await page.getByRole("button", { name: "Show" }).click();
  await expect(page.getByRole("link", { name: "Stark Industries", exact: true })).toBeVisible();
  await page.getByRole("link", { name: "All accounts", exact: true }).click();
  await expect(page.getByRole("heading", { name: "All accounts", level: 2 })).toBeVisible();

  // Delivery as CSV.
  const response = await page.request.get("/insights/export?chart=webhooks&period=365");
  expect(response.status()).toBe(200);
  const [header] = parseCsv((await response.text()).replace(/^\uFEFF/, ""));
  expect(header).toEqual(["Delivered", "Failed", "Cancelled", "Queued", "Success rate (%)"]);
});

test("en français, pour l'assistance : les comptes, les envois et les tableaux", async ({
  page,
  createUser,
  signInAs,
  expectAccessible,
}) => {
  const support = await createUser({ platformRole: "SUPPORT", locale: "fr" });
  await signInAs(page, support.id);
  await page.goto("/insights");
  await expect(page.getByRole("heading", { name: "Indicateurs", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Tous les comptes", level: 2 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Envoi des e-mails" })).toBeVisible();
  await expect(page.getByText(/^Taux de réussite\u00a0: /)).toBeVisible();
  await expect(page.getByLabel("Période").locator("option")).toHaveText([
    "30 derniers jours",
    "90 derniers jours",
    "365 derniers jours",
  ]);
  const emails = sectionOf(page, "Envoi des e-mails");
  if ((await emails.getByText("Afficher sous forme de tableau").count()) > 0) {
    await emails.getByText("Afficher sous forme de tableau").click();
    expect((await tableOf(emails)).header).toEqual([
      "Envoyés",
      "En échec",
      "Retenus",
      "En file d’attente",
    ]);
  }
  await chartsDrawn(page);
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/insights-support-fr-desktop.png", fullPage: true });

  const response = await page.request.get("/insights/export?chart=outcomes&period=90");
  const [header] = parseCsv((await response.text()).replace(/^\uFEFF/, ""));
  expect(header).toEqual([
    "Semaine du",
    "Approuvées",
    "Refusées",
    "Retirées",
    "Expirées",
    "En attente",
  ]);
});

test("on a phone, Alice's insights fit the screen and the tables open from the keyboard", async ({
  page,
  db,
  signInAs,
  expectAccessible,
}) => {
  await page.setViewportSize({ width: 375, height: 667 });
  await signInByEmail(page, db, ALICE, signInAs);
  await page.goto("/insights?period=365");
  await expect(page.getByRole("heading", { name: "Insights", level: 1 })).toBeVisible();
  await chartsDrawn(page);
  const outcomes = sectionOf(page, "Requests per week by outcome");
  await outcomes.getByText("Show as table").focus();
  await page.keyboard.press("Enter");
  await expect(outcomes.getByRole("table")).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/insights-alice-en-phone.png", fullPage: true });
  // The whole page is too tall to look at: its top, and one chart with its table open.
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: "test-results/insights-alice-en-phone-top.png" });
  await sectionOf(page, "Time to decision").screenshot({
    path: "test-results/insights-alice-en-phone-chart.png",
  });
});

test("a requester, a Virtual Account Administrator and an account out of reach get 'not found'; hostile queries are refused", async ({
  page,
  db,
  signInAs,
}) => {
  for (const email of ["rachel.requester@example.com", "vera.va-admin@example.com"]) {
    await page.context().clearCookies();
    await signInByEmail(page, db, email, signInAs);
    expect((await page.goto("/insights"))?.status(), email).toBe(404);
    expect((await page.request.get("/insights/export?chart=outcomes")).status(), email).toBe(404);
  }

  await page.context().clearCookies();
  await signInByEmail(page, db, ALICE, signInAs);
  // Globex is Bruno's: for Alice it does not exist.
  expect((await page.goto("/insights?account=demo-account-globex"))?.status()).toBe(404);
  const outOfReach = await page.request.get(
    "/insights/export?chart=outcomes&account=demo-account-globex",
  );
  expect(outOfReach.status()).toBe(404);
  expect(outOfReach.headers()["content-type"]).toBe("application/problem+json");
  // Delivery is support staff's.
  expect((await page.request.get("/insights/export?chart=emails")).status()).toBe(404);
  for (const query of [
    "chart=nope",
    "chart=outcomes&period=7",
    "chart=outcomes&account=%27%20OR%201=1",
  ]) {
    const refused = await page.request.get(`/insights/export?${query}`);
    expect(refused.status(), query).toBe(400);
    expect(await refused.json()).toMatchObject({ status: 400, code: "VALIDATION" });
  }
  // Support staff asking for an account that does not exist: not found either.
  await page.context().clearCookies();
  await signInByEmail(page, db, "sam.support@example.com", signInAs);
  expect((await page.goto("/insights?account=no-such-account"))?.status()).toBe(404);
  expect(
    (await page.request.get("/insights/export?chart=emails&account=no-such-account")).status(),
  ).toBe(404);

  // Searches no account name holds: an answer, never a failure.
  for (const q of ["%25", "_", "%00", "a".repeat(500), "%E2%80%AE%F0%9F%92%A5", "' OR 1=1 --"]) {
    const response = await page.goto(`/insights?q=${q}`);
    expect(response?.status(), q).toBeLessThan(500);
  }
  await page.goto("/insights?q=zz-no-such-account");
  await expect(page.getByText("No account matches “zz-no-such-account”.")).toBeVisible();

  // A page query it does not understand: the defaults, said so.
  await page.goto("/insights?period=7");
  await expect(page.getByText(/it shows the last 30 days instead/)).toBeVisible();

  // Signed out: to sign in, and back.
  await page.context().clearCookies();
  await page.goto("/insights?period=90");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Finsights%3Fperiod%3D90/);
});
