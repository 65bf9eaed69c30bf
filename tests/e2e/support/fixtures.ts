import { readFileSync, existsSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import { test as base, expect, type Page } from "@playwright/test";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { createSession, createUser } from "../../factories";
import type { CaughtMail } from "../../support/mail-catcher";

type NewUser = Partial<Prisma.UserCreateInput>;

interface Fixtures {
  /** Creates a user with a unique email (complete profile unless overridden). */
  createUser: (data?: NewUser) => Promise<{ id: string; email: string }>;
  /** Signs the page's browser in as that user without the UI (a real database session). */
  signInAs: (page: Page, userId: string) => Promise<void>;
  /** Waits for an email that reached the real SMTP server. */
  waitForMail: (match: (mail: CaughtMail) => boolean) => Promise<CaughtMail>;
  /** Fails the test on any axe violation on the page as it is now. */
  expectAccessible: (page: Page) => Promise<void>;
  /**
   * Every Content-Security-Policy violation in the test's browser context, any page or frame: the
   * test fails at its end unless this is empty.
   */
  cspViolations: string[];
}

interface WorkerFixtures {
  db: PrismaClient;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  cspViolations: async ({}, use) => {
    await use([]);
  },

  context: async ({ context, cspViolations }, use) => {
    await context.exposeBinding("__reportCspViolation", ({ frame }, report: string) => {
      cspViolations.push(`${report} on ${frame.url()}`);
    });
    await context.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (event) => {
        const report = (window as unknown as { __reportCspViolation?: (report: string) => void })
          .__reportCspViolation;
        void report?.(
          `${event.effectiveDirective} blocked ${event.blockedURI || "inline code"} (${event.sourceFile}:${event.lineNumber})`,
        );
      });
    });
    // What the browser reports only on the console (frame-ancestors, for one).
    context.on("console", (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text()))
        cspViolations.push(`console: ${message.text()} on ${message.page()?.url()}`);
    });
    await use(context);
    expect(cspViolations, "Content-Security-Policy violations").toEqual([]);
  },

  db: [
    async ({}, use) => {
      const db = new PrismaClient({
        adapter: new PrismaPg({ connectionString: process.env.E2E_DATABASE_URL! }),
      });
      await use(db);
      await db.$disconnect();
    },
    { scope: "worker" },
  ],

  createUser: async ({ db }, use) => {
    // As someone who signed in by email link and never chose a language: the browser's then.
    await use((data = {}) => createUser({ emailVerified: new Date(), locale: null, ...data }, db));
  },

  signInAs: async ({ db, baseURL }, use) => {
    await use(async (page, userId) => {
      const sessionToken = await createSession(userId, {}, db);
      await page.context().addCookies([
        {
          name: "next-auth.session-token",
          value: sessionToken,
          url: baseURL!,
          httpOnly: true,
          sameSite: "Lax",
        },
      ]);
    });
  },

  waitForMail: async ({}, use) => {
    await use(async (match) => {
      const deadline = Date.now() + 20_000;
      const file = process.env.E2E_MAIL_LOG!;
      while (Date.now() < deadline) {
        if (existsSync(file)) {
          const found = readFileSync(file, "utf8")
            .split("\n")
            .filter(Boolean)
            .map((line) => JSON.parse(line) as CaughtMail)
            .find(match);
          if (found) return found;
        }
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      throw new Error("No matching email reached the SMTP server in time");
    });
  },

  expectAccessible: async ({}, use) => {
    await use(async (page) => {
      // Judge a settled page: after a server action Next refreshes the page in the background
      // (its <title> briefly replaced: seen once in CI as axe's "document-title"), so first let
      // the network go quiet (a page that polls may never be quiet for long: bounded), then wait
      // for the <title>, which Next streams after a dynamic page's body.
      await page.waitForLoadState("networkidle", { timeout: 5_000 }).catch(() => undefined);
      await expect(page).toHaveTitle(/\S/);
      const results = await new AxeBuilder({ page })
        .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
        .analyze();
      const summary = results.violations.map(
        (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
      );
      expect(summary, `axe violations on ${page.url()}`).toEqual([]);
    });
  },
});

export { expect };

/** The first http(s) link in a plain-text email. */
export function linkIn(text: string, containing: string): string {
  const link = text.match(/https?:\/\/\S+/g)?.find((url) => url.includes(containing));
  if (!link) throw new Error(`No link containing ${containing} in: ${text}`);
  return link;
}
