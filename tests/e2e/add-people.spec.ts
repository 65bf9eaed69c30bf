import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { createAccount, createRequest } from "../factories";
import type { CaughtMail } from "../support/mail-catcher";
import { expect, linkIn, test } from "./support/fixtures";

/*
 * "Add people" (issue 28): Alice, an administrator of the demo data, adds two people to one of her
 * accounts from a CSV file — one who has a pending request for it, one who never signed in — with
 * a duplicate and a line that is not an address; she sees the preview, confirms, sees the summary.
 * The new person signs in from the invitation and sees the account under Your accounts. In English
 * and in French (on a phone). Then a Virtual Account Administrator, offered only their branch.
 */

const tag = () => randomBytes(3).toString("hex");

test.describe.configure({ timeout: 120_000 });

const words = {
  en: {
    members: (account: string) => `Members of ${account}`,
    open: "Add people",
    title: (account: string) => `Add people to ${account}`,
    method: "Import a CSV file",
    file: "CSV file",
    preview: "Preview",
    previewHeading: "What will happen",
    people: "People",
    summary: "2 to add, 0 to change, 0 unchanged, 1 refused.",
    duplicate: "1 address appears more than once: it counts once.",
    pending: "Has a pending request: it will be approved by this",
    invited: "Has never signed in: will be emailed an invitation to sign in",
    access: "Access: Smart Account User",
    notAnEmail: "Not an email address",
    confirm: "Confirm",
    done: "Done",
    added: "Added",
    download: "Download the result (CSV)",
    close: "Close",
    invitation: (by: string, account: string) => `${by} invited you to ${account}`,
    emailLabel: "Work email address",
    sendLink: "Email me a sign-in link",
    yourAccounts: "Your Accounts",
  },
  fr: {
    members: (account: string) => `Membres de ${account}`,
    open: "Ajouter des personnes",
    title: (account: string) => `Ajouter des personnes à ${account}`,
    method: "Importer un fichier CSV",
    file: "Fichier CSV",
    preview: "Aperçu",
    previewHeading: "Ce qui va se passer",
    people: "Personnes",
    summary: "2 à ajouter, 0 à modifier, 0 inchangée, 1 refusée.",
    duplicate: "1 adresse apparaît plusieurs fois : elle compte une seule fois.",
    pending: "A une demande en attente : elle sera approuvée par cet ajout",
    invited: "Jamais connecté à ce jour : recevra par e-mail une invitation à se connecter",
    access: "Accès : Utilisateur du Smart Account",
    notAnEmail: "Ce n'est pas une adresse e-mail",
    confirm: "Confirmer",
    done: "Terminé",
    added: "Ajoutées",
    download: "Télécharger le résultat (CSV)",
    close: "Fermer",
    invitation: (by: string, account: string) => `${by} vous invite sur ${account}`,
    emailLabel: "Adresse e-mail professionnelle",
    sendLink: "M'envoyer un lien de connexion",
    yourAccounts: "Vos comptes",
  },
};

async function aliceWithAccount(db: PrismaClient) {
  const alice = await db.user.findUniqueOrThrow({ where: { email: "alice.admin@example.com" } });
  const name = `Orion ${tag()}`;
  const domain = `${tag()}.example`;
  const account = await createAccount(
    { name, domains: [domain], admins: [{ userId: alice.id }] },
    db,
  );
  return { alice, account, name, domain };
}

type Lang = keyof typeof words;

async function scenario(
  lang: Lang,
  {
    page,
    db,
    createUser,
    signInAs,
    waitForMail,
    expectAccessible,
  }: {
    page: Page;
    db: PrismaClient;
    createUser: (data?: object) => Promise<{ id: string; email: string }>;
    signInAs: (page: Page, userId: string) => Promise<void>;
    waitForMail: (match: (mail: CaughtMail) => boolean) => Promise<CaughtMail>;
    expectAccessible: (page: Page) => Promise<void>;
  },
) {
  const w = words[lang];
  const { alice, account, name, domain } = await aliceWithAccount(db);
  const requester = await createUser({
    firstName: "Rémi",
    lastName: "Petit",
    locale: lang,
    lastSignInAt: new Date(),
  });
  const request = await createRequest(
    { requesterId: requester.id, accountId: account.id, domain },
    db,
  );
  const newcomer = `new-${tag()}@example.com`;
  const csv = [
    "email,role",
    `${requester.email},USER`,
    `${newcomer},USER`,
    `${newcomer.toUpperCase()},USER`,
    "not-an-email,USER",
  ].join("\r\n");

  await signInAs(page, alice.id);
  await page.goto(`/admin/accounts/${account.id}/members`);
  await expect(page.getByRole("heading", { name: w.members(name), level: 1 })).toBeVisible();
  await page.getByRole("button", { name: w.open, exact: true }).click();
  const dialog = page.getByRole("dialog", { name: w.title(name) });
  await dialog.getByRole("radio", { name: w.method }).check();
  await dialog.getByLabel(w.file, { exact: true }).setInputFiles({
    name: "people.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(csv, "utf8"),
  });
  await expectAccessible(page);
  await dialog.getByRole("button", { name: w.preview, exact: true }).click();

  const heading = dialog.getByRole("heading", { name: w.previewHeading });
  await expect(heading).toBeFocused();
  await expect(dialog).toContainText(w.summary);
  await expect(dialog).toContainText(w.duplicate);
  const lineOf = (text: string) =>
    dialog.getByRole("list", { name: w.people }).getByRole("listitem").filter({ hasText: text });
  await expect(lineOf(requester.email)).toContainText(w.pending);
  await expect(lineOf(requester.email)).toContainText(w.access);
  await expect(lineOf(newcomer)).toContainText(w.invited);
  await expect(lineOf(requester.email)).not.toContainText(w.invited);
  await expect(lineOf("not-an-email")).toContainText(w.notAnEmail);
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath(`preview-${lang}.png`) });

  const confirm = dialog.getByRole("button", { name: w.confirm, exact: true });
  await confirm.dblclick();
  await expect(dialog.getByRole("heading", { name: w.done })).toBeFocused();
  await expect(dialog.getByRole("definition").first()).toHaveText("2");
  await expect(dialog).toContainText(w.added);
  await expectAccessible(page);
  const downloading = page.waitForEvent("download");
  await dialog.getByRole("button", { name: w.download }).click();
  const result = readFileSync((await (await downloading).path())!, "utf8");
  expect(result).toContain(newcomer);
  expect(result).toContain(requester.email);
  await dialog.getByRole("button", { name: w.close }).click();
  await expect(page.getByRole("button", { name: w.open, exact: true })).toBeFocused();

  // Applied once, whatever the double click: one membership each, the request approved by Alice.
  const people = await db.user.findMany({
    where: { email: { in: [newcomer, requester.email] } },
    select: { id: true, memberships: { where: { accountId: account.id }, select: { role: true } } },
  });
  expect(people.map((person) => person.memberships)).toEqual([
    [{ role: "USER" }],
    [{ role: "USER" }],
  ]);
  expect(
    await db.accessRequest.findUniqueOrThrow({
      where: { id: request.id },
      select: { status: true, decidedById: true },
    }),
  ).toEqual({ status: "APPROVED", decidedById: alice.id });

  // The newcomer follows the invitation, signs in and finds the account.
  const invitation = await waitForMail((m) => m.to.includes(newcomer));
  expect(invitation.subject).toBe(w.invitation("Alice Dupont", name));
  await page.context().clearCookies();
  await page.goto(linkIn(invitation.text, "/sign-in"));
  if (lang === "fr") await page.getByRole("button", { name: "Français" }).click();
  await expect(page.locator("html")).toHaveAttribute("lang", lang);
  await page.getByLabel(w.emailLabel).fill(newcomer);
  await page.getByRole("button", { name: w.sendLink }).click();
  const signIn = await waitForMail(
    (m) => m.to.includes(newcomer) && m.text.includes("/api/auth/callback/email"),
  );
  await page.goto(linkIn(signIn.text, "/api/auth/callback/email"));
  await expect(page.getByRole("heading", { name: w.yourAccounts, level: 1 })).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(name) })).toBeVisible();
  await expectAccessible(page);
}

test("Alice adds two people from a CSV file, confirms, and the invited one finds the account (English)", async ({
  page,
  db,
  createUser,
  signInAs,
  waitForMail,
  expectAccessible,
}) => {
  await scenario("en", { page, db, createUser, signInAs, waitForMail, expectAccessible });
});

test("Alice adds two people from a CSV file, confirms, and the invited one finds the account (French)", async ({
  page,
  db,
  createUser,
  signInAs,
  waitForMail,
  expectAccessible,
}) => {
  // Alice reads French for this test, on a phone; the newcomer chooses French on the sign-in page.
  await db.user.update({ where: { email: "alice.admin@example.com" }, data: { locale: "fr" } });
  await page.setViewportSize({ width: 390, height: 844 });
  try {
    await scenario("fr", { page, db, createUser, signInAs, waitForMail, expectAccessible });
  } finally {
    await db.user.update({ where: { email: "alice.admin@example.com" }, data: { locale: "en" } });
  }
});

test("a Virtual Account Administrator adds people to their branch only, typing addresses", async ({
  page,
  db,
  createUser,
  signInAs,
  expectAccessible,
}) => {
  const vera = await createUser({ firstName: "Vera", lastName: "Novak" });
  const { account, name } = await aliceWithAccount(db);
  await db.virtualAccount.create({ data: { accountId: account.id, name: "Americas" } });
  const emea = await db.virtualAccount.create({ data: { accountId: account.id, name: "EMEA" } });
  await db.virtualAccount.create({
    data: { accountId: account.id, name: "France", parentId: emea.id },
  });
  await db.membership.create({
    data: {
      userId: vera.id,
      accountId: account.id,
      role: "VIEWER",
      scope: "VIRTUAL_ACCOUNTS",
      grants: { create: [{ virtualAccountId: emea.id, role: "ADMIN", includeSubAccounts: true }] },
    },
  });
  const newcomer = `new-${tag()}@example.com`;
  await signInAs(page, vera.id);
  await page.goto(`/admin/accounts/${account.id}/members`);
  await page.getByRole("button", { name: "Add people", exact: true }).click();
  const dialog = page.getByRole("dialog", { name: `Add people to ${name}` });
  await dialog.getByRole("textbox", { name: "Email addresses" }).fill(`${newcomer}, not-an-email`);
  // Only her branch is offered; the entire account is not hers to give.
  await expect(dialog.getByRole("checkbox", { name: "France", exact: true })).toBeVisible();
  await expect(dialog.getByRole("checkbox", { name: "Americas", exact: true })).toHaveCount(0);
  await expect(dialog.getByRole("radio", { name: /Entire Smart Account/ })).toHaveCount(0);
  await dialog.getByRole("button", { name: "Preview" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Choose at least one virtual account.");
  await dialog.getByRole("checkbox", { name: "EMEA", exact: true }).check();
  await expectAccessible(page);
  await dialog.getByRole("button", { name: "Preview" }).click();
  await expect(dialog.getByRole("heading", { name: "What will happen" })).toBeFocused();
  await expect(dialog).toContainText("1 to add, 0 to change, 0 unchanged, 1 refused.");
  await expect(
    dialog
      .getByRole("list", { name: "People" })
      .getByRole("listitem")
      .filter({ hasText: newcomer }),
  ).toContainText("Access: EMEA: Virtual Account User");
  await dialog.getByRole("button", { name: "Back (fix the list)" }).click();
  await expect(dialog.getByRole("textbox", { name: "Email addresses" })).toBeFocused();
  await expect(dialog.getByRole("textbox", { name: "Email addresses" })).toHaveValue(
    `${newcomer}, not-an-email`,
  );
});
