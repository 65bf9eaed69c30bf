import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/fixtures";

/**
 * Pages that do not jump: the cumulative layout shift of a page's load (Chromium's layout-shift
 * entries, as Lighthouse counts them) stays under 0.05, with the network and the CPU slowed as
 * Lighthouse's mobile run does, so that a streamed placeholder has time to be painted and replaced.
 */
const MAX_LAYOUT_SHIFT = 0.05;
const DAY_MS = 24 * 3600_000;

async function layoutShiftOfLoad(page: Page, path: string): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 150,
    downloadThroughput: (1.6 * 1024 * 1024) / 8,
    uploadThroughput: (750 * 1024) / 8,
  });
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
  await page.goto(path, { waitUntil: "load" });
  const shift = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as (PerformanceEntry & {
            value: number;
            hadRecentInput: boolean;
          })[]) {
            if (!entry.hadRecentInput) total += entry.value;
          }
        }).observe({ type: "layout-shift", buffered: true });
        // Late shifts (fonts, streamed content) included.
        setTimeout(() => resolve(total), 1500);
      }),
  );
  await cdp.send("Emulation.setCPUThrottlingRate", { rate: 1 });
  await cdp.detach();
  return shift;
}

test("the administrators' queue, a request's page and the requester's pages load without layout shift", async ({
  page,
  db,
  createUser,
  signInAs,
}) => {
  test.setTimeout(120_000);
  const admin = await createUser({ firstName: "Ada", lastName: "Admin" });
  const account = await db.account.create({
    data: {
      name: `Shift ${randomBytes(3).toString("hex")}`,
      domains: { create: [{ domain: `${randomBytes(3).toString("hex")}.example` }] },
      memberships: { create: { userId: admin.id, role: "ADMIN" } },
    },
  });
  let requestId = "";
  for (let i = 0; i < 25; i += 1) {
    const requester = await createUser({ firstName: `Req${i}`, lastName: "Uester" });
    const createdAt = new Date(Date.now() - (i + 1) * DAY_MS);
    const request = await db.accessRequest.create({
      data: {
        requesterId: requester.id,
        accountId: account.id,
        domain: "example.com",
        reason: "I manage our licences and need access.",
        createdAt,
        expiresAt: new Date(createdAt.getTime() + 30 * DAY_MS),
      },
    });
    requestId = request.id;
  }
  await signInAs(page, admin.id);

  const shifts: Record<string, number> = {};
  for (const path of [
    "/admin/requests",
    `/admin/requests/${requestId}`,
    "/admin/accounts",
    `/admin/accounts/${account.id}/members`,
    "/requests",
    "/requests/new",
  ]) {
    shifts[path] = Math.round((await layoutShiftOfLoad(page, path)) * 1000) / 1000;
  }
  console.info(`layout shift by page: ${JSON.stringify(shifts)}`);
  for (const [path, shift] of Object.entries(shifts))
    expect(shift, path).toBeLessThanOrEqual(MAX_LAYOUT_SHIFT);
});
