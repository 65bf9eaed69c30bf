import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import { demoUsers } from "@/lib/demo/demo-data";
import type { AppLocale } from "@/lib/i18n/config";
import type { Messages } from "@/lib/i18n/messages";
import { expect, test } from "./support/fixtures";

type Catalog = Messages;

/** The catalogs, read as files (Playwright's loader takes no JSON import). */
function catalog(locale: AppLocale): Catalog {
  const folder = path.resolve(import.meta.dirname, "../../lib/i18n/messages", locale);
  return Object.assign(
    {},
    ...readdirSync(folder).map((file) => JSON.parse(readFileSync(path.join(folder, file), "utf8"))),
  ) as Catalog;
}
const catalogs: Record<AppLocale, Catalog> = { en: catalog("en"), fr: catalog("fr") };

/** Every entry the menu can show, with the main heading of the page it opens. */
const AREAS: { href: string; heading: (t: Catalog) => string | RegExp }[] = [
  { href: "/requests/new", heading: (t) => t.requests.newTitle },
  { href: "/requests", heading: (t) => t.requests.list.title },
  { href: "/accounts", heading: (t) => t.memberships.accounts.title },
  { href: "/admin/requests", heading: (t) => t.admin.queue.title },
  { href: "/admin/accounts", heading: (t) => t.admin.accounts.title },
  { href: "/insights", heading: (t) => t.insights.title },
  { href: "/admin/tokens", heading: (t) => t.integrations.tokens.title },
  { href: "/admin/webhooks", heading: (t) => t.integrations.webhooks.title },
  // Swagger UI, from the API document (English only).
  { href: "/api-reference", heading: () => /Smart Account access portal API/ },
  { href: "/support", heading: (t) => t.support.search.title },
  { href: "/support/cases", heading: (t) => t.support.cases.title },
];

/**
 * Whether the person may use the area, as the page itself has it: the support console answers
 * "not found" to anyone but support staff, and insights to anyone but administrators and support
 * staff; the queue, the accounts page, the tokens and the
 * webhooks pages open for everyone signed in and say "you do not administer any account" (or
 * "only administrators …") to whom they offer nothing; the API reference is for those who have
 * tokens or webhooks to use it with.
 */
async function pageAllows(page: Page, t: Catalog, href: string): Promise<boolean | "integrations"> {
  if (href === "/api-reference") return "integrations";
  const response = await page.goto(href);
  if (response?.status() === 404) return false;
  expect(response?.status(), href).toBe(200);
  const refusal: Record<string, string> = {
    "/admin/requests": t.admin.queue.notAdminTitle,
    "/admin/accounts": t.admin.accounts.empty,
    "/admin/tokens": t.integrations.tokens.notAdmin,
    "/admin/webhooks": t.integrations.webhooks.notAdmin,
  };
  if (!refusal[href]) return true;
  return (await page.getByText(refusal[href], { exact: true }).count()) === 0;
}

async function openMenu(page: Page) {
  await page.getByRole("button", { name: /^Menu/ }).click();
  const menu = page.getByRole("dialog", { name: "Menu" });
  await expect(menu.getByRole("navigation")).toBeVisible();
  return menu;
}

// Each person's walk is independent (it only reads the demo data): both workers share them.
test.describe.configure({ mode: "parallel" });

for (const person of demoUsers) {
  test(`the menu of ${person.firstName} (${person.role}) lists exactly the areas they may use, each opening its page`, async ({
    page,
    db,
    signInAs,
    expectAccessible,
  }) => {
    test.slow(); // about twenty pages in one test
    const user = await db.user.findUniqueOrThrow({ where: { email: person.email } });
    const t = catalogs[(user.locale ?? "en") as AppLocale];
    await signInAs(page, user.id);

    // What the pages allow this person.
    const allowed = new Set<string>();
    for (const { href } of AREAS) {
      const verdict = await pageAllows(page, t, href);
      if (verdict === true) allowed.add(href);
    }
    if (allowed.has("/admin/tokens") || allowed.has("/admin/webhooks"))
      allowed.add("/api-reference");

    // What the menu lists (the home link aside): exactly that, grouped.
    await page.goto("/");
    const menu = await openMenu(page);
    const links = menu.getByRole("link");
    const listed = (
      await links.evaluateAll((all) => all.map((a) => a.getAttribute("href")!))
    ).filter((href) => href !== "/");
    expect(new Set(listed)).toEqual(allowed);
    // Each once (insights is under administering or under support, never both).
    expect(listed).toHaveLength(new Set(listed).size);
    await expect(menu.getByRole("heading", { name: t.menu.groups.requesting })).toBeVisible();
    // The open menu, in English (Alice) and in French (Bruno).
    if (["alice.admin@example.com", "bruno.admin@example.com"].includes(person.email))
      await expectAccessible(page);
    await page.keyboard.press("Escape");

    // Each entry opens its page: 200 (not a redirect to sign-in, not 404), with its heading,
    // and the menu then marks it as the current page.
    for (const href of listed) {
      const area = AREAS.find((candidate) => candidate.href === href)!;
      const response = await page.request.get(href, { maxRedirects: 0 });
      expect(response.status(), href).toBe(200);
      await page.goto("/");
      const panel = await openMenu(page);
      await panel.locator(`a[href="${href}"]`).click();
      await expect(page).toHaveURL(new RegExp(`${href.replace(/\//g, "\\/")}$`));
      await expect(page.getByRole("heading", { name: area.heading(t) }).first()).toBeVisible();
      if (href === "/api-reference") continue;
      await expect(
        page.getByRole("heading", { name: area.heading(t), level: 1, exact: true }),
      ).toBeVisible();
      const again = await openMenu(page);
      await expect(again.locator('[aria-current="page"]')).toHaveAttribute("href", href);
      await page.keyboard.press("Escape");
    }
  });
}

test("on a phone-sized window the menu fits, and is used with the keyboard", async ({
  page,
  db,
  signInAs,
}) => {
  const sasha = await db.user.findUniqueOrThrow({
    where: { email: "sasha.superadmin@example.com" },
  });
  await page.setViewportSize({ width: 375, height: 667 });
  await signInAs(page, sasha.id);
  await page.goto("/");
  const button = page.getByRole("button", { name: /^Menu/ });
  await button.focus();
  await page.keyboard.press("Enter");
  const menu = page.getByRole("dialog", { name: "Menu" });
  const box = await menu.boundingBox();
  expect(box!.x + box!.width).toBeLessThanOrEqual(375);
  // Tab through to the last entry (the panel scrolls), then open it with Enter.
  const last = menu.getByRole("link", { name: "Support Cases" });
  for (let i = 0; i < 20 && !(await last.evaluate((a) => a === document.activeElement)); i++)
    await page.keyboard.press("Tab");
  await expect(last).toBeFocused();
  await expect(last).toBeInViewport();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: "Support cases", level: 1 })).toBeVisible();
});
