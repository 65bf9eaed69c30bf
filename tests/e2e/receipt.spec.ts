import { randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createAccount } from "../factories";
import { expect, test } from "./support/fixtures";

const domainName = () => `receipt-${randomBytes(4).toString("hex")}.example`;

/** An account of one identifier, administered by `adminId` (none: nobody can decide its requests). */
const account = (db: PrismaClient, name: string, domain: string, adminId?: string) =>
  createAccount({ name, domains: [domain], admins: adminId ? [{ userId: adminId }] : [] }, db);

async function findAccount(page: Page, domain: string, labels: { field: string; submit: string }) {
  await page.goto("/requests/new");
  await page.getByLabel(labels.field).fill(domain);
  await page.getByRole("button", { name: labels.submit }).click();
}

test("after sending, the requester sees how many administrators were notified and that the email was delivered", async ({
  page,
  db,
  createUser,
  signInAs,
  waitForMail,
  expectAccessible,
}) => {
  const domain = domainName();
  const admin = await createUser({ firstName: "Ada", lastName: "Admin" });
  await account(db, "Receipt Networks", domain, admin.id);
  const requester = await createUser({ firstName: "Rosa", lastName: "Park" });
  await signInAs(page, requester.id);

  await findAccount(page, domain, { field: "Account Domain Identifier", submit: "Submit" });
  await page.getByLabel("Reason for Request").fill("I run the network team and need access.");
  await expect(page.getByText("has no active administrator")).toHaveCount(0);
  await page.getByRole("button", { name: "Send Request" }).click();
  await expect(page.getByText("Request sent")).toBeVisible();
  await expect(page.getByText(/^1 administrator was notified on /)).toBeVisible();
  await waitForMail((m) => m.to.includes(admin.email));
  // The receipt asks again while the email waits in the outbox; the button asks at once.
  await page.getByRole("button", { name: "Refresh" }).click();
  await expect(page.getByText("Emails delivered: 1 of 1.")).toBeVisible();
  await expect(page.getByText(admin.email)).toHaveCount(0);
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/receipt-sent-en.png", fullPage: true });

  await page.getByRole("link", { name: "See your access requests" }).click();
  await expect(page.getByRole("heading", { name: "Receipt Networks" })).toBeVisible();
  await expect(page.getByText(/^1 administrator was notified on /)).toBeVisible();
  await expect(page.getByText("Emails delivered: 1 of 1.")).toBeVisible();
  await expectAccessible(page);
});

test("an account with no active administrator is said so before sending, in English", async ({
  page,
  db,
  createUser,
  signInAs,
  expectAccessible,
}) => {
  const domain = domainName();
  await account(db, "Initech", domain);
  await signInAs(page, (await createUser()).id);
  await findAccount(page, domain, { field: "Account Domain Identifier", submit: "Submit" });
  await expect(page.getByText("Initech has no active administrator")).toBeVisible();
  await expect(page.getByRole("button", { name: "Send to support" })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/receipt-initech-en.png", fullPage: true });
});

test("en français : Initech n'a aucun administrateur, la demande part à l'assistance et le reçu le dit", async ({
  page,
  db,
  createUser,
  signInAs,
  expectAccessible,
}) => {
  const domain = domainName();
  await account(db, "Initech", domain);
  await signInAs(page, (await createUser({ locale: "fr" })).id);
  await findAccount(page, domain, {
    field: "Identifiant de domaine du compte",
    submit: "Soumettre",
  });
  await expect(page.getByText("Initech n’a aucun administrateur actif")).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/receipt-initech-fr.png", fullPage: true });

  await page.getByLabel("Motif de la demande").fill("Je gère nos licences pour l'équipe réseau.");
  await page.getByRole("button", { name: "Envoyer à l’assistance" }).click();
  await expect(page.getByText("Demande envoyée")).toBeVisible();
  await expect(
    page.getByText("Votre demande pour Initech a été envoyée à notre équipe d’assistance,", {
      exact: false,
    }),
  ).toBeVisible();
  await expect(
    page.getByText(
      "Aucun administrateur n’a pu être prévenu : ce compte n’a aucun administrateur actif.",
    ),
  ).toBeVisible();
  await expect(page.getByText(/^Notre équipe d’assistance a été prévenue le /)).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/receipt-sent-fr.png", fullPage: true });

  await page.getByRole("link", { name: "Voir vos demandes d'accès" }).click();
  await expect(page.getByRole("heading", { name: "Initech" })).toBeVisible();
  await expect(page.getByText(/^Notre équipe d’assistance a été prévenue le /)).toBeVisible();
  await expectAccessible(page);
});
