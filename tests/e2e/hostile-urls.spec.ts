import { readdirSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { hostileText } from "../support/hostile-input";
import { expect, test } from "./support/fixtures";

/**
 * Every page and route handler of the portal (found in app/, not listed by hand), asked for by
 * signed-in users of each kind with generated hostile URLs: path segments and query values made
 * of arbitrary bytes (not UTF-8, NUL, huge numbers, control and bidi characters). The answer is
 * never a 5xx and never a stack trace; a URL that cannot be decoded gets the portal's own page.
 */

const INPUTS_PER_USER = 200;

/** The app's URLs, a dynamic segment as `[name]` (next-auth's catch-all left to its own tests). */
const ROUTES = (readdirSync(path.resolve("app"), { recursive: true }) as string[])
  .filter((file) => /(^|\/)(page\.tsx|route\.ts)$/.test(file) && !file.includes("[..."))
  .map((file) => `/${path.dirname(file)}`.replace(/\/\.$/, "/").replace(/^\/\.$/, "/"))
  .sort();

/** Bytes written as percent escapes: any byte, so mostly not UTF-8. */
const escapedBytes = fc
  .uint8Array({ minLength: 1, maxLength: 12 })
  .map((bytes) => [...bytes].map((byte) => `%${byte.toString(16).padStart(2, "0")}`).join(""));
const segment = fc.oneof(
  escapedBytes,
  hostileText.map((text) => encodeURIComponent(text.slice(0, 2000).toWellFormed()) || "x"),
  fc.constantFrom("%C0%AF", "%00", "%ff", "%e2%80%ae", "9".repeat(40), "..%2f..%2f"),
);
const queryValue = fc.oneof(
  segment,
  fc.constantFrom("9999999999999999999999", "-1", "1e308", "NaN", "0x10", "2026-02-30"),
);
const queryKeys = fc.constantFrom(
  "page",
  "q",
  "email",
  "status",
  "account",
  "after",
  "before",
  "identifier",
  "from",
  "to",
  "callbackUrl",
  "error",
  "domain",
  "role",
);

const hostileUrl = fc
  .record({
    route: fc.constantFrom(...ROUTES),
    segments: fc.array(segment, { minLength: 2, maxLength: 2 }),
    query: fc.array(fc.tuple(queryKeys, queryValue), { maxLength: 3 }),
  })
  .map(({ route, segments, query }) => {
    let next = 0;
    const pathname = route.replace(/\[[^\]]+\]/g, () => segments[next++]!);
    const search = query.map(([key, value]) => `${key}=${value}`).join("&");
    return search ? `${pathname}?${search}` : pathname;
  });

test("hostile URLs on every route, as each kind of user: never a 5xx, never a stack trace", async ({
  page,
  createUser,
  signInAs,
  db,
}) => {
  test.setTimeout(240_000);
  expect(ROUTES).toEqual(
    expect.arrayContaining([
      "/admin/requests/[id]",
      "/support/users/[id]",
      "/dev/mailbox/[id]",
      "/api/account-lookup",
    ]),
  );

  const admin = await createUser();
  const account = await db.account.create({
    data: {
      name: "Hostile URL account",
      memberships: { create: { userId: admin.id, role: "ADMIN" } },
    },
  });
  const users = [
    { kind: "requester", id: (await createUser()).id },
    { kind: "administrator", id: admin.id },
    { kind: "support", id: (await createUser({ platformRole: "SUPPORT" })).id },
    { kind: "super administrator", id: (await createUser({ platformRole: "SUPERADMIN" })).id },
  ];
  const answers = new Map<number, number>();
  for (const user of users) {
    await page.context().clearCookies();
    await signInAs(page, user.id);
    await fc.assert(
      fc.asyncProperty(hostileUrl, async (url) => {
        const response = await page.request.get(url.replace("[accountId]", account.id), {
          maxRedirects: 0,
          failOnStatusCode: false,
        });
        answers.set(response.status(), (answers.get(response.status()) ?? 0) + 1);
        const body = await response.text();
        expect(response.status(), `${user.kind}: ${url}`).toBeLessThan(500);
        expect(body, `${user.kind}: ${url}`).not.toMatch(
          /\n\s+at .+:\d+:\d+\)?\n|Internal Server Error/,
        );
      }),
      { numRuns: INPUTS_PER_USER, endOnFailure: true },
    );
  }
  console.info(
    `hostile URLs: ${INPUTS_PER_USER * users.length} asked, answers by status: ${JSON.stringify(Object.fromEntries(answers))}`,
  );
});

test("a URL that does not decode gets the portal's own page, and the API a problem", async ({
  page,
  expectAccessible,
}) => {
  for (const url of [
    "/admin/requests/%C0%AF",
    "/dev/mailbox/%00",
    "/support?email=%00",
    "/support/users/%ff",
  ]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  }
  await expectAccessible(page);

  const problem = await page.request.get("/api/account-lookup?identifier=%00");
  expect(problem.status()).toBe(400);
  expect(problem.headers()["content-type"]).toBe("application/problem+json");
});

test.describe("in French", () => {
  test.use({ locale: "fr-FR" });

  test("the same page, in the visitor's language", async ({ page }) => {
    const response = await page.goto("/support/requests/%C0%AF");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page introuvable");
  });
});
