import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import type { MembershipRole, PrismaClient } from "@/lib/generated/prisma/client";
import { expect, test } from "./support/fixtures";

const tag = () => randomBytes(3).toString("hex");
const DAY_MS = 24 * 3600_000;

// Whole journeys, several pages and dialogs each, on a 2-core machine that may be busy.
test.describe.configure({ timeout: 120_000 });

async function accountWith(
  db: PrismaClient,
  name: string,
  members: { userId: string; role: MembershipRole; endsAt?: Date }[],
) {
  return db.account.create({
    data: {
      name,
      domains: { create: [{ domain: `${tag()}.example` }] },
      memberships: {
        create: members.map((member) => ({
          userId: member.userId,
          role: member.role,
          endsAt: member.endsAt ?? null,
        })),
      },
    },
  });
}

async function pendingRequest(db: PrismaClient, accountId: string, requesterId: string) {
  return db.accessRequest.create({
    data: {
      requesterId,
      accountId,
      domain: "example.com",
      reason: "I manage our licences for this project.",
      expiresAt: new Date(Date.now() + 20 * DAY_MS),
    },
  });
}

async function openFromMenu(page: Page, link: string) {
  await page.goto("/");
  await page.getByRole("button", { name: /^Menu/ }).click();
  await page.getByRole("dialog", { name: "Menu" }).getByRole("link", { name: link }).click();
}

test("an administrator changes a role, removes a member, approves with an end date, and asks support as the only administrator", async ({
  page,
  db,
  createUser,
  signInAs,
  waitForMail,
  expectAccessible,
}) => {
  const ada = await createUser({ firstName: "Ada", lastName: "Admin" });
  const rosa = await createUser({ firstName: "Rosa", lastName: "Park" });
  const sam = await createUser({ firstName: "Sam", lastName: "Stone" });
  const kim = await createUser({ firstName: "Kim", lastName: "Lee" });
  await createUser({ firstName: "Sue", lastName: "Support", platformRole: "SUPPORT" });
  const name = `Theta ${tag()}`;
  const account = await accountWith(db, name, [
    { userId: ada.id, role: "ADMIN" },
    { userId: rosa.id, role: "USER" },
    { userId: sam.id, role: "VIEWER", endsAt: new Date(Date.now() + 10 * DAY_MS) },
  ]);
  const request = await pendingRequest(db, account.id, kim.id);
  await signInAs(page, ada.id);

  await page.goto("/admin/accounts");
  await page.getByRole("link", { name: `Members of ${name}` }).click();
  await expect(page.getByRole("heading", { name: `Members of ${name}`, level: 1 })).toBeVisible();
  await expect(page.getByRole("row", { name: /Ada Admin/ })).toContainText("Only administrator");
  await expect(page.getByRole("button", { name: "Remove Ada Admin" })).toHaveCount(0);
  await expect(page.getByRole("row", { name: /Sam Stone/ })).toContainText("Never");
  await expectAccessible(page);

  // Rosa: User → Viewer.
  await page.getByRole("button", { name: "Change role of Rosa Park" }).click();
  const roleDialog = page.getByRole("dialog", { name: "Role of Rosa Park" });
  await expect(roleDialog.getByRole("radio", { name: /^User/ })).toBeChecked();
  await expectAccessible(page);
  await roleDialog.getByRole("radio", { name: /^Viewer/ }).check();
  await roleDialog.getByRole("button", { name: "Save the role" }).click();
  await expect(page.locator(":focus")).toHaveText(
    "Rosa Park now has the role Viewer and will be emailed.",
  );
  await expect(page.getByRole("row", { name: /Rosa Park/ })).toContainText("Viewer");
  const roleMail = await waitForMail((m) => m.to.includes(rosa.email));
  expect(roleMail.subject).toBe(`Your role in ${name} changed`);
  expect(roleMail.text).toContain("Ada Admin changed your role");

  // Sam: removed, with a reason.
  await page.getByRole("button", { name: "Remove Sam Stone" }).click();
  const removeDialog = page.getByRole("dialog", { name: `Remove Sam Stone from ${name}?` });
  await removeDialog.getByLabel("Reason (optional, emailed to them)").fill("The audit is over.");
  await expectAccessible(page);
  await removeDialog.getByRole("button", { name: "Remove", exact: true }).click();
  await expect(page.locator(":focus")).toHaveText(
    "Sam Stone was removed from the account and will be emailed.",
  );
  await expect(page.getByRole("row", { name: /Sam Stone/ })).toHaveCount(0);
  const removedMail = await waitForMail((m) => m.to.includes(sam.email));
  expect(removedMail.subject).toBe(`Your access to ${name} was removed`);
  expect(removedMail.text).toContain("The audit is over.");
  await page.getByLabel("Access").selectOption({ label: "Former members" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("row", { name: /Sam Stone/ })).toContainText("Removed");
  await expectAccessible(page);

  // The only administrator cannot step down: they may ask support to appoint another.
  await page
    .getByRole("button", { name: "Ask support to appoint another administrator" })
    .first()
    .click();
  await expect(page.getByLabel("Message to support")).toHaveValue(
    /Please appoint another administrator for/,
  );
  await page.getByRole("button", { name: "Send to support" }).click();
  await expect(page.getByText("Your support case was opened.")).toBeVisible();
  expect(await db.supportCase.count({ where: { accountId: account.id, openedById: ada.id } })).toBe(
    1,
  );

  // Kim's request: approved for 30 days.
  await page.goto(`/admin/requests/${request.id}`);
  await page.getByLabel("Access ends").selectOption({ label: "In 30 days" });
  await expectAccessible(page);
  await page.getByRole("button", { name: "Approve" }).click();
  await expect(
    page.getByText("Approved. Kim Lee now has access with the role User and will be emailed."),
  ).toBeVisible();
  const approvedMail = await waitForMail((m) => m.to.includes(kim.email));
  expect(approvedMail.subject).toBe(`Access granted to ${name}`);
  expect(approvedMail.text).toContain("This access is time-bound: it ends on");
  const membership = await db.membership.findFirstOrThrow({
    where: { userId: kim.id, accountId: account.id },
  });
  expect(Math.abs(membership.endsAt!.getTime() - (Date.now() + 30 * DAY_MS))).toBeLessThan(
    10 * 60_000,
  );

  await page.goto(`/admin/accounts/${account.id}/members`);
  const kimRow = page.getByRole("row", { name: /Kim Lee/ });
  await expect(kimRow.getByRole("link", { name: /Request approved/ })).toHaveAttribute(
    "href",
    `/admin/requests/${request.id}`,
  );
  await expect(kimRow.getByRole("button", { name: "Extend the access of Kim Lee" })).toBeVisible();
  await expectAccessible(page);
});

test("a member sees Your accounts, with the end of a time-bound access, and leaves one; the only administrator cannot leave", async ({
  page,
  db,
  createUser,
  signInAs,
  expectAccessible,
}) => {
  const rosa = await createUser({ firstName: "Rosa", lastName: "Park" });
  const other = await createUser();
  const ends = new Date(Date.now() + 40 * DAY_MS);
  const [kappa, lambda, mu] = [`Kappa ${tag()}`, `Lambda ${tag()}`, `Mu ${tag()}`];
  await accountWith(db, kappa, [
    { userId: other.id, role: "ADMIN" },
    { userId: rosa.id, role: "USER", endsAt: ends },
  ]);
  await accountWith(db, lambda, [
    { userId: other.id, role: "ADMIN" },
    { userId: rosa.id, role: "VIEWER" },
  ]);
  await accountWith(db, mu, [{ userId: rosa.id, role: "ADMIN" }]);
  await signInAs(page, rosa.id);

  await page.goto("/requests");
  await page.getByRole("link", { name: "Your accounts" }).click();
  await expect(page.getByRole("heading", { name: "Your Accounts", level: 1 })).toBeVisible();
  await openFromMenu(page, "Your Accounts");
  await expect(page.getByRole("heading", { name: "Your Accounts", level: 1 })).toBeVisible();
  const kappaRow = page.getByRole("row", { name: new RegExp(kappa) });
  await expect(kappaRow).toContainText("User");
  await expect(kappaRow).toContainText(
    new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" }).format(ends),
  );
  await expect(page.getByRole("row", { name: new RegExp(lambda) })).toContainText("No end date");
  await expect(page.getByRole("row", { name: new RegExp(mu) })).toContainText(
    `You are the only administrator of ${mu}`,
  );
  await expect(page.getByRole("button", { name: `Leave ${mu}` })).toHaveCount(0);
  await expectAccessible(page);

  await page.getByRole("button", { name: `Leave ${lambda}` }).click();
  const dialog = page.getByRole("dialog", { name: `Leave ${lambda}?` });
  await expect(dialog).toContainText("You lose access");
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Stay" }).click();
  await expect(page.getByRole("button", { name: `Leave ${lambda}` })).toBeFocused();
  await page.getByRole("button", { name: `Leave ${lambda}` }).click();
  await dialog.getByRole("button", { name: "Yes, leave" }).click();
  await expect(page.locator(":focus")).toHaveText(`You left ${lambda}.`);
  await expect(page.getByRole("row", { name: new RegExp(lambda) })).toHaveCount(0);
  await expect(page.getByRole("row", { name: new RegExp(kappa) })).toBeVisible();
  await expectAccessible(page);
  expect(
    await db.membership.findFirstOrThrow({ where: { userId: rosa.id, account: { name: lambda } } }),
  ).toMatchObject({ active: false, endCause: "LEFT" });
});

test("en français : l'administrateur change un rôle et le membre quitte un compte", async ({
  page,
  db,
  createUser,
  signInAs,
  waitForMail,
  expectAccessible,
}) => {
  const bruno = await createUser({ firstName: "Bruno", lastName: "Lefèvre", locale: "fr" });
  const eric = await createUser({ firstName: "Éric", lastName: "Moreau", locale: "fr" });
  const name = `Nu ${tag()}`;
  const account = await accountWith(db, name, [
    { userId: bruno.id, role: "ADMIN" },
    { userId: eric.id, role: "VIEWER" },
  ]);
  await signInAs(page, bruno.id);

  await page.goto(`/admin/accounts/${account.id}/members`);
  await expect(page.locator("html")).toHaveAttribute("lang", "fr");
  await expect(page.getByRole("heading", { name: `Membres de ${name}`, level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Changer le rôle de Éric Moreau" }).click();
  const dialog = page.getByRole("dialog", { name: "Rôle de Éric Moreau" });
  await dialog.getByRole("radio", { name: /^Utilisateur/ }).check();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Enregistrer le rôle" }).click();
  await expect(
    page.getByText("Éric Moreau a désormais le rôle Utilisateur et va recevoir un e-mail."),
  ).toBeVisible();
  const mail = await waitForMail((m) => m.to.includes(eric.email));
  expect(mail.subject).toBe(`Votre rôle dans ${name} a changé`);
  expect(mail.text).toContain("Bruno Lefèvre a changé votre rôle");

  // Éric signs in in the same browser (his session replaces Bruno's).
  const ericPage = page;
  await signInAs(ericPage, eric.id);
  await ericPage.goto("/accounts");
  await expect(ericPage.getByRole("heading", { name: "Vos comptes", level: 1 })).toBeVisible();
  await expect(ericPage.getByRole("row", { name: new RegExp(name) })).toContainText("Utilisateur");
  await expectAccessible(ericPage);
  await ericPage.getByRole("button", { name: `Quitter ${name}` }).click();
  await ericPage
    .getByRole("dialog", { name: `Quitter ${name} ?` })
    .getByRole("button", { name: "Oui, quitter" })
    .click();
  await expect(ericPage.getByText(`Vous avez quitté ${name}.`)).toBeVisible();
  await expect(ericPage.getByText("Vous n'êtes encore membre d'aucun compte Smart.")).toBeVisible();
  await expectAccessible(ericPage);
});
