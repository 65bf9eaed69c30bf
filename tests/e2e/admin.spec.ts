import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { expect, linkIn, test } from "./support/fixtures";

const tag = () => randomBytes(3).toString("hex");

// Whole journeys, several pages each, on a 2-core machine that may be busy.
test.describe.configure({ timeout: 120_000 });
const DAY_MS = 24 * 3600_000;

/** An account administered by `adminIds`, with a pending request (and its submitted event) per requester. */
async function accountWithRequests(
  db: PrismaClient,
  name: string,
  adminIds: string[],
  requesters: { id: string; daysAgo: number }[],
) {
  const account = await db.account.create({
    data: {
      name,
      domains: { create: [{ domain: `${tag()}.example` }] },
      memberships: { create: adminIds.map((userId) => ({ userId, role: "ADMIN" as const })) },
    },
  });
  const requests = [];
  for (const requester of requesters) {
    const createdAt = new Date(Date.now() - requester.daysAgo * DAY_MS);
    const request = await db.accessRequest.create({
      data: {
        requesterId: requester.id,
        accountId: account.id,
        domain: "example.com",
        reason: `Reason of ${requester.id}: I manage our licences.`,
        createdAt,
        expiresAt: new Date(createdAt.getTime() + 30 * DAY_MS),
      },
    });
    await db.auditEvent.create({
      data: {
        actorId: requester.id,
        action: "request.submitted",
        subjectType: "AccessRequest",
        subjectId: request.id,
        createdAt,
      },
    });
    requests.push(request);
  }
  return { account, requests };
}

async function openQueueFromMenu(page: Page, badge: string) {
  await page.goto("/");
  await page.getByRole("button", { name: `Menu ${badge}` }).click();
  await page
    .getByRole("dialog", { name: "Menu" })
    .getByRole("link", { name: `Access Requests ${badge}` })
    .click();
  await expect(page.getByRole("heading", { name: "Access Requests", level: 1 })).toBeVisible();
}

test("an administrator sees the badge, filters the queue, approves with a role, and the requester is emailed", async ({
  page,
  db,
  createUser,
  signInAs,
  waitForMail,
  expectAccessible,
}) => {
  const admin = await createUser({ firstName: "Ada", lastName: "Admin" });
  const rosa = await createUser({ firstName: "Rosa", lastName: "Park" });
  const sam = await createUser({ firstName: "Sam", lastName: "Stone" });
  const alpha = `Alpha ${tag()}`;
  await accountWithRequests(db, alpha, [admin.id], [{ id: rosa.id, daysAgo: 3 }]);
  await accountWithRequests(db, `Beta ${tag()}`, [admin.id], [{ id: sam.id, daysAgo: 1 }]);
  await signInAs(page, admin.id);

  await openQueueFromMenu(page, "2 pending requests");
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(3);
  await expect(rows.nth(1)).toContainText("Rosa Park"); // oldest first
  await expect(rows.nth(2)).toContainText("Sam Stone");
  await expectAccessible(page);

  await page.getByLabel("Account", { exact: true }).selectOption({ label: `${alpha} (1 pending)` });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole("table")).not.toContainText("Sam Stone");
  await page.getByLabel("Requester name or email").fill("nobody-matches-this");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByText("No requests match these filters.")).toBeVisible();
  await page.getByRole("link", { name: "Clear filters" }).first().click();
  await expect(rows).toHaveCount(3);

  await page.getByRole("link", { name: "Review the request from Rosa Park" }).click();
  await expect(
    page.getByRole("heading", { name: "Request from Rosa Park", level: 1 }),
  ).toBeVisible();
  await expect(page.getByText("Rosa Park submitted the request")).toBeVisible();
  await expect(page.getByRole("radio", { name: /^User/ })).toBeChecked();
  await expectAccessible(page);
  await page.getByRole("radio", { name: /^Viewer/ }).check();
  await page.getByRole("button", { name: "Approve" }).click();
  // The outcome is announced and takes the focus.
  await expect(page.locator(":focus")).toHaveText(
    "Approved. Rosa Park now has access with the role Viewer and will be emailed.",
  );
  await expect(page.getByText("Ada Admin approved with the role Viewer")).toBeVisible();
  await expect(page.getByRole("button", { name: "Menu 1 pending request" })).toBeVisible();
  await expectAccessible(page);

  const mail = await waitForMail((m) => m.to.includes(rosa.email));
  expect(mail.subject).toBe(`Access granted to ${alpha}`);
  expect(mail.text).toContain("Ada Admin approved your request");
  expect(mail.text).toContain("Viewer");
  const membership = await db.membership.findFirstOrThrow({
    where: { userId: rosa.id, account: { name: alpha } },
  });
  expect(membership).toMatchObject({ role: "VIEWER", active: true });

  // The members view shows the new member, whom the administrator may now manage there.
  await page.goto("/admin/accounts");
  await expectAccessible(page);
  await page.getByRole("link", { name: `Members of ${alpha}` }).click();
  await expect(page.getByRole("row", { name: /Rosa Park/ })).toContainText("Viewer");
  await expect(page.getByRole("button", { name: "Change role of Rosa Park" })).toBeVisible();
  await expectAccessible(page);
});

test("an administrator denies with a reason; a colleague deciding at the same moment is told who decided", async ({
  page,
  browser,
  db,
  createUser,
  signInAs,
  waitForMail,
  expectAccessible,
}) => {
  const ada = await createUser({ firstName: "Ada", lastName: "Admin" });
  const colin = await createUser({ firstName: "Colin", lastName: "Colleague" });
  const dana = await createUser({ firstName: "Dana", lastName: "Lee" });
  const name = `Gamma ${tag()}`;
  const { requests } = await accountWithRequests(
    db,
    name,
    [ada.id, colin.id],
    [{ id: dana.id, daysAgo: 2 }],
  );
  const url = `/admin/requests/${requests[0]!.id}`;

  await signInAs(page, ada.id);
  const colinContext = await browser.newContext();
  const colinPage = await colinContext.newPage();
  await signInAs(colinPage, colin.id);
  await page.goto(url);
  await colinPage.goto(url);

  await page
    .getByLabel("Reason (optional, emailed to the requester)")
    .fill("Please ask through your reseller.");
  await page.getByRole("button", { name: "Deny" }).click();
  await expect(page.getByText("Denied. Dana Lee will be emailed.")).toBeVisible();
  await expect(page.getByText("Reason: Please ask through your reseller.")).toBeVisible();

  // Colin's page still offers the decision: he approves, and is told what happened instead.
  await colinPage.getByRole("button", { name: "Approve" }).click();
  await expect(
    colinPage.getByText(/This request was already denied by Ada Admin on/),
  ).toBeVisible();
  await expect(colinPage.getByRole("button", { name: "Approve" })).toBeHidden();
  await expectAccessible(colinPage);
  await colinContext.close();

  const mail = await waitForMail((m) => m.to.includes(dana.email));
  expect(mail.subject).toBe(`Access to ${name} was denied`);
  expect(mail.text).toContain("Please ask through your reseller.");
  expect(await db.membership.count({ where: { userId: dana.id } })).toBe(0);
  expect(await db.emailMessage.count({ where: { requestId: requests[0]!.id } })).toBe(1);
});

test("a bulk approve decides the selected requests and reports the one decided meanwhile", async ({
  page,
  db,
  createUser,
  signInAs,
  waitForMail,
  expectAccessible,
}) => {
  const admin = await createUser({ firstName: "Ada", lastName: "Admin" });
  const colin = await createUser({ firstName: "Colin", lastName: "Colleague" });
  const requesters = await Promise.all(
    ["Ann", "Bob", "Cid"].map((firstName) => createUser({ firstName, lastName: "Bulk" })),
  );
  const name = `Delta ${tag()}`;
  const { account, requests } = await accountWithRequests(
    db,
    name,
    [admin.id, colin.id],
    requesters.map((r, i) => ({ id: r.id, daysAgo: 3 - i })),
  );
  await signInAs(page, admin.id);
  await page.goto(`/admin/requests?account=${account.id}`);

  await expect(page.getByText("No request selected")).toBeVisible();
  await expect(page.getByRole("button", { name: "Approve selected" })).toBeDisabled();
  await page.getByRole("checkbox", { name: "Select every pending request on this page" }).check();
  await expect(page.getByText("3 requests selected")).toBeVisible();
  await page.getByRole("checkbox", { name: "Select the request from Cid Bulk" }).uncheck();
  await page.getByRole("checkbox", { name: "Select the request from Cid Bulk" }).check();
  await page.getByRole("radio", { name: /^Viewer/ }).check();
  await expectAccessible(page);

  // Meanwhile, Colin approves Bob's request.
  await db.accessRequest.update({
    where: { id: requests[1]!.id },
    data: { status: "APPROVED", grantedRole: "USER", decidedById: colin.id, decidedAt: new Date() },
  });

  await page.getByRole("button", { name: "Approve selected" }).click();
  const dialog = page.getByRole("dialog", { name: "Approve 3 requests?" });
  await expect(dialog).toContainText("Each requester gets the role Viewer");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Yes, go ahead" }).click();
  await expect(page.locator(":focus")).toContainText("2 requests approved.");
  await expect(page.getByText("1 request was already decided:")).toBeVisible();
  await expect(
    page
      .getByRole("listitem")
      .filter({ hasText: "Bob Bulk: This request was already approved by Colin Colleague on" }),
  ).toBeVisible();
  await expect(page.getByText("No pending requests. You are all caught up.")).toBeVisible();
  await expectAccessible(page);

  for (const requester of [requesters[0]!, requesters[2]!]) {
    const mail = await waitForMail((m) => m.to.includes(requester.email));
    expect(mail.subject).toBe(`Access granted to ${name}`);
  }
  expect(await db.membership.count({ where: { accountId: account.id, role: "VIEWER" } })).toBe(2);
});

test("en français : l'administrateur approuve avec un rôle et le demandeur reçoit l'e-mail en français", async ({
  page,
  db,
  createUser,
  signInAs,
  waitForMail,
  expectAccessible,
}) => {
  const admin = await createUser({ firstName: "Bruno", lastName: "Lefèvre", locale: "fr" });
  const eric = await createUser({ firstName: "Éric", lastName: "Moreau", locale: "fr" });
  const name = `Epsilon ${tag()}`;
  await accountWithRequests(db, name, [admin.id], [{ id: eric.id, daysAgo: 9 }]);
  await signInAs(page, admin.id);

  await page.goto("/admin/requests");
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { name: "Demandes d'accès", level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("link", { name: "Examiner la demande de Éric Moreau" }).click();
  await expect(
    page.getByRole("heading", { name: "Demande de Éric Moreau", level: 1 }),
  ).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("radio", { name: /^Administrateur/ }).check();
  await page.getByRole("button", { name: "Approuver" }).click();
  await expect(
    page.getByText(
      "Demande approuvée. Éric Moreau a désormais accès avec le rôle Administrateur et va recevoir un e-mail.",
    ),
  ).toBeVisible();
  await expectAccessible(page);

  const mail = await waitForMail((m) => m.to.includes(eric.email));
  expect(mail.subject).toBe(`Accès accordé à ${name}`);
  expect(mail.text).toContain("Bruno Lefèvre a approuvé votre demande");
  expect(mail.text).toContain("Administrateur");
});

test("the link in an administrator's email leads to the request, through sign-in", async ({
  page,
  db,
  createUser,
  waitForMail,
}) => {
  const admin = await createUser({ firstName: "Ada", lastName: "Admin" });
  const fay = await createUser({ firstName: "Fay", lastName: "Link" });
  const { requests } = await accountWithRequests(
    db,
    `Zeta ${tag()}`,
    [admin.id],
    [{ id: fay.id, daysAgo: 1 }],
  );

  await page.goto(`/admin/requests/${requests[0]!.id}`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  await page.getByLabel("Work email address").fill(admin.email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  const mail = await waitForMail(
    (m) => m.to.includes(admin.email) && m.subject === "Your sign-in link",
  );
  await page.goto(linkIn(mail.text, "/api/auth/callback/email"));
  await expect(
    page.getByRole("heading", { name: "Request from Fay Link", level: 1 }),
  ).toBeVisible();
});

test("another account's request, or a made-up id, is simply not found", async ({
  page,
  db,
  createUser,
  signInAs,
  expectAccessible,
}) => {
  const admin = await createUser();
  const other = await createUser();
  const stranger = await createUser({ firstName: "Stranger" });
  const { requests } = await accountWithRequests(
    db,
    `Eta ${tag()}`,
    [other.id],
    [{ id: stranger.id, daysAgo: 1 }],
  );
  await accountWithRequests(db, `Theta ${tag()}`, [admin.id], []);
  await signInAs(page, admin.id);
  for (const id of [requests[0]!.id, "no-such-request"]) {
    await page.goto(`/admin/requests/${id}`);
    await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
    await expect(page.getByText("Stranger")).toHaveCount(0);
  }
  await expectAccessible(page);
});

test("a super administrator decides an escalated request on behalf of the account", async ({
  page,
  db,
  createUser,
  signInAs,
  waitForMail,
  expectAccessible,
}) => {
  const sasha = await createUser({
    firstName: "Sasha",
    lastName: "Super",
    platformRole: "SUPERADMIN",
  });
  const ivy = await createUser({ firstName: "Ivy", lastName: "Waiting" });
  const name = `Iota ${tag()}`;
  const { requests } = await accountWithRequests(db, name, [], [{ id: ivy.id, daysAgo: 8 }]);
  await db.accessRequest.update({
    where: { id: requests[0]!.id },
    data: { escalatedAt: new Date() },
  });
  await signInAs(page, sasha.id);

  await page.goto("/admin/requests");
  await expect(page.getByText("Requests escalated to the licensing support team")).toBeVisible();
  await page.getByRole("link", { name: "Review the request from Ivy Waiting" }).click();
  await expect(page.getByText(`You do not administer ${name}`)).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(
    page.getByText("Approved. Ivy Waiting now has access with the role User and will be emailed."),
  ).toBeVisible();
  await expect(
    page.getByText(
      "Sasha Super approved with the role User (on behalf of the account, as licensing support)",
    ),
  ).toBeVisible();

  const mail = await waitForMail((m) => m.to.includes(ivy.email));
  expect(mail.text).toContain("Sasha Super, licensing support team approved your request");
});
