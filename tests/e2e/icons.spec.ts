import { expect, test } from "./support/fixtures";

test("every page's icons and web manifest are served: no 404 for /favicon.ico", async ({
  page,
  request,
  signInAs,
  createUser,
}) => {
  const favicon = await request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
  expect(favicon.headers()["content-type"]).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
  expect((await favicon.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0])); // an ICO file's header

  const manifest = await request.get("/manifest.webmanifest");
  expect(manifest.status()).toBe(200);
  const { icons } = (await manifest.json()) as { icons: { src: string; type: string }[] };
  expect(icons.length).toBeGreaterThan(0);

  const missing: string[] = [];
  page.on("response", (response) => {
    if (response.status() >= 400) missing.push(`${response.status()} ${response.url()}`);
  });
  await page.goto("/sign-in");
  const linked = await page
    .locator('head link[rel="icon"], head link[rel="apple-touch-icon"], head link[rel="manifest"]')
    .evaluateAll((links) =>
      links.map((link) => ({
        rel: link.getAttribute("rel"),
        href: link.getAttribute("href") ?? "",
      })),
    );
  expect(linked.map((link) => link.rel).sort()).toEqual([
    "apple-touch-icon",
    "icon",
    "icon",
    "manifest",
  ]);
  for (const href of [...linked.map((link) => link.href), ...icons.map((icon) => icon.src)]) {
    const response = await request.get(href);
    expect(response.status(), href).toBe(200);
    expect(response.headers()["content-type"], href).toMatch(
      /^(image\/|application\/manifest\+json)/,
    );
  }

  // Signed in, too: the portal's own pages link the same icons.
  await signInAs(page, (await createUser()).id);
  await page.goto("/requests");
  await expect(page.locator('head link[rel="icon"][href^="/favicon.ico"]')).toHaveCount(1);
  expect(missing).toEqual([]);
});
