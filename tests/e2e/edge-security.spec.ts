import { randomBytes } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { expect, linkIn, test } from "./support/fixtures";

const hex = () => randomBytes(4).toString("hex");
/** A client address of its own, so this test's sign-in links count against no other test's. */
const clientAddress = () => `198.51.100.${hex()}`;
const hostileTargets = [
  "/..//evil.example",
  "/%2e%2e//evil.example",
  "//evil.example",
  "/\\evil.example",
  "https://evil.example/",
  ";env;",
];

/** The nonce of a response's policy, and of every script tag of its HTML. */
function nonces(policy: string | undefined, html: string) {
  return {
    policy: /script-src 'self' 'nonce-([^']+)' 'strict-dynamic'/.exec(policy ?? "")?.[1],
    scripts: [...html.matchAll(/<script\b[^>]*>/g)].map(
      (tag) => /\bnonce="([^"]*)"/.exec(tag[0])?.[1] ?? "none",
    ),
  };
}

test("every page carries a strict policy whose fresh nonce is on each of its scripts, and the security headers", async ({
  page,
  createUser,
  signInAs,
}) => {
  await signInAs(page, (await createUser()).id);
  const seen = new Set<string>();
  for (const path of [
    "/",
    "/requests",
    "/requests/new",
    "/profile",
    "/sign-in/check-email",
    "/sign-in/error?error=Verification",
    "/sign-out",
    "/no-such-page",
    "/dev/mailbox",
  ]) {
    const response = await page.request.get(path);
    const headers = response.headers();
    expect(headers["content-type"], path).toContain("text/html");
    const { policy, scripts } = nonces(headers["content-security-policy"], await response.text());
    expect(policy, `${path}: nonce in the policy`).toBeTruthy();
    expect(scripts.length, path).toBeGreaterThan(0);
    expect(
      scripts.every((nonce) => nonce === policy),
      `${path}: every script carries the nonce`,
    ).toBe(true);
    expect(seen.has(policy!), `${path}: a fresh nonce`).toBe(false);
    seen.add(policy!);
    for (const directive of [
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "default-src 'self'",
    ]) {
      expect(headers["content-security-policy"], path).toContain(directive);
    }
    expect(headers["x-content-type-options"], path).toBe("nosniff");
    expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
    expect(headers["permissions-policy"], path).toContain("camera=()");
    // Served over http here: no HSTS (it is sent when NEXTAUTH_URL is https).
    expect(headers["strict-transport-security"], path).toBeUndefined();
  }
});

test("the browser tests see a policy violation: injected markup's script is blocked and reported", async ({
  page,
  cspViolations,
}) => {
  await page.goto("/sign-in");
  // What an injection would look like: markup with an inline handler, run by the page itself.
  await page.evaluate(() =>
    document.body.insertAdjacentHTML(
      "beforeend",
      '<img alt="" src="data:," onerror="window.__injected = true">',
    ),
  );
  await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
  expect(cspViolations.join("\n")).toContain("script-src");
  expect(
    await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected),
  ).toBeUndefined();
  cspViolations.length = 0; // expected here: the fixture would otherwise fail this test
});

test("a request id is kept only when it is a short safe token", async ({ request }) => {
  const long = "a".repeat(5000);
  const replaced = (
    await request.get("/api/health", { headers: { "x-request-id": long } })
  ).headers()["x-request-id"];
  expect(replaced).not.toBe(long);
  expect(replaced).toMatch(/^[0-9a-f-]{36}$/);
  expect(
    (await request.get("/api/health", { headers: { "x-request-id": "lb-42.a_b" } })).headers()[
      "x-request-id"
    ],
  ).toBe("lb-42.a_b");
});

test("no next-auth route answers 500 to a callbackUrl it cannot read, in the query or in its cookie", async ({
  request,
}) => {
  const routes = [
    "callback/email?token=abc&email=someone%40example.com",
    "callback/oidc?code=x&state=y",
    "signin",
    "signin/email",
    "signin/oidc",
    "signout",
    "session",
    "csrf",
    "providers",
    "error",
    "verify-request",
  ];
  const values = [";env;", "//%zz", "javascript:alert(1)", "/\t/evil.example", "http://[::1", "%"];
  for (const route of routes) {
    for (const value of values) {
      const [path, query] = route.split("?");
      const url = `/api/auth/${path}?${new URLSearchParams(query)}&callbackUrl=${encodeURIComponent(value)}`;
      const inQuery = await request.get(url, { maxRedirects: 0 });
      expect(inQuery.status(), `${url}`).toBeLessThan(500);
      const inCookie = await request.get(`/api/auth/${route}`, {
        maxRedirects: 0,
        headers: { cookie: `next-auth.callback-url=${encodeURIComponent(value)}` },
      });
      expect(inCookie.status(), `${route} with cookie ${value}`).toBeLessThan(500);
    }
  }
  // The scanner's request, followed to the end: the sign-in error page (an unknown link).
  const followed = await request.get(
    "/api/auth/callback/email?callbackUrl=%3Benv%3B&token=abc&email=someone%40example.com",
  );
  expect(followed.status()).toBe(200);
  expect(new URL(followed.url()).pathname).toBe("/sign-in/error");
});

test("signed in, the sign-in page's callbackUrl never leads off the portal", async ({
  page,
  baseURL,
  createUser,
  signInAs,
}) => {
  await signInAs(page, (await createUser()).id);
  for (const target of hostileTargets) {
    const response = await page.request.get(`/sign-in?callbackUrl=${encodeURIComponent(target)}`, {
      maxRedirects: 0,
    });
    expect(response.status(), target).toBe(307);
    expect(new URL(response.headers()["location"]!, baseURL).href, target).toBe(`${baseURL}/`);
  }
  await page.goto("/sign-in?callbackUrl=/..//evil.example");
  await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(baseURL);
});

test("the profile's back link and its save stay on the portal, whatever returnTo says", async ({
  page,
  baseURL,
  createUser,
  signInAs,
}) => {
  await signInAs(page, (await createUser()).id);
  for (const target of hostileTargets) {
    await page.goto(`/profile?returnTo=${encodeURIComponent(target)}`);
    await expect(page.getByRole("link", { name: "Back to your request" })).toHaveAttribute(
      "href",
      "/",
    );
  }
  await page.goto("/profile?returnTo=/%2e%2e//evil.example");
  await page.getByRole("button", { name: "Save profile" }).click();
  await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(baseURL);

  await page.goto("/profile?returnTo=/..//evil.example");
  await page.getByRole("link", { name: "Back to your request" }).click();
  await expect(page.getByRole("heading", { name: /Welcome/ })).toBeVisible();
  expect(page.url()).toBe(`${baseURL}/`);
});

test("signing in from a hostile callbackUrl ends on the portal", async ({
  page,
  baseURL,
  waitForMail,
}) => {
  const email = `hostile-${hex()}@example.com`;
  await page.setExtraHTTPHeaders({ "x-forwarded-for": clientAddress() });
  await page.goto("/sign-in?callbackUrl=/%2e%2e//evil.example");
  await page.getByLabel("Work email address").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const link = new URL(
    linkIn((await waitForMail((m) => m.to.includes(email))).text, "/api/auth/callback/email"),
  );
  expect(link.searchParams.get("callbackUrl")).toBe(`${baseURL}/`);
  await page.goto(link.href);
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  expect(page.url()).toBe(`${baseURL}/`);
});

/** Asks for a sign-in link as the form does (next-auth's CSRF token, then the POST). */
async function askForLink(request: APIRequestContext, email: string, client: string) {
  const headers = { "x-forwarded-for": client };
  const { csrfToken } = (await (await request.get("/api/auth/csrf", { headers })).json()) as {
    csrfToken: string;
  };
  const response = await request.post("/api/auth/signin/email", {
    headers,
    form: { email, csrfToken, callbackUrl: "/", json: "true" },
  });
  return {
    status: response.status(),
    retryAfter: response.headers()["retry-after"],
    url: ((await response.json()) as { url: string }).url,
  };
}

test("the sixth sign-in link for an address is refused, known or not, and the form says when to try again", async ({
  page,
  request,
  db,
  createUser,
  expectAccessible,
}) => {
  const known = (await createUser()).email;
  const unknown = `nobody-${hex()}@example.com`;
  const answers = async (email: string) => {
    const client = clientAddress();
    const seen = [];
    for (let i = 0; i < 6; i += 1) seen.push(await askForLink(request, email, client));
    return seen;
  };
  const [forKnown, forUnknown] = [await answers(known), await answers(unknown)];
  expect(forKnown.map(({ status }) => status)).toEqual([200, 200, 200, 200, 200, 429]);
  expect(forKnown.map(({ status, url }) => ({ status, url }))).toEqual(
    forUnknown.map(({ status, url }) => ({ status, url })),
  );
  expect(Number(forKnown[5]!.retryAfter)).toBeGreaterThan(0);
  expect(await db.emailMessage.count({ where: { to: { in: [known, unknown] } } })).toBe(10);

  // The seventh, through the form: refused with a message saying when, and still no email.
  await page.setExtraHTTPHeaders({ "x-forwarded-for": clientAddress() });
  await page.goto("/sign-in");
  await page.getByLabel("Work email address").fill(known);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Too many" })).toHaveText(
    /^Too many sign-in links were asked for\. Try again in 1[45] minutes\.$/,
  );
  await expectAccessible(page);
  expect(await db.emailMessage.count({ where: { to: known } })).toBe(5);
});
