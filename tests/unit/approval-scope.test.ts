import { describe, expect, it } from "vitest";
import { mayGrantAccess } from "@/lib/admin/rules";
import { accessOfApproval, approvalSchema } from "@/lib/admin/schema";
import { renderEmail } from "@/lib/mail/render";
import type { Granter } from "@/lib/memberships/rules";
import { grantedScopeOfRow } from "@/lib/requests/granted-scope";
import type { Access } from "@/lib/virtual-accounts/scope";
import { inTreeOrder } from "@/lib/virtual-accounts/tree";

const grant = (role: "ADMIN" | "USER" | "VIEWER") => ({
  virtualAccountId: `va-${role}`,
  role,
  includeSubAccounts: false,
});

describe("no role above your own, for every role of an approval", () => {
  const cases: [Granter, Access, boolean][] = [
    ["ADMIN", { scope: "ACCOUNT", role: "ADMIN" }, true],
    ["ADMIN", { scope: "VIRTUAL_ACCOUNTS", grants: [grant("ADMIN"), grant("VIEWER")] }, true],
    ["onBehalfOfAccount", { scope: "VIRTUAL_ACCOUNTS", grants: [grant("ADMIN")] }, true],
    // A granter below ADMIN (no such decider today: only administrators decide) may give nothing.
    ["USER", { scope: "ACCOUNT", role: "VIEWER" }, false],
    ["USER", { scope: "VIRTUAL_ACCOUNTS", grants: [grant("VIEWER"), grant("ADMIN")] }, false],
  ];
  it.each(cases)("%s giving %j: %s", (granter, access, allowed) => {
    expect(mayGrantAccess(granter, access)).toBe(allowed);
  });
});

describe("approval terms", () => {
  it("only a role (every caller before virtual accounts) is the entire account; nothing is the entire account as a User", () => {
    expect(accessOfApproval(approvalSchema.parse({ role: "VIEWER" }))).toEqual({
      scope: "ACCOUNT",
      role: "VIEWER",
    });
    expect(accessOfApproval(approvalSchema.parse({}))).toEqual({ scope: "ACCOUNT", role: "USER" });
  });

  it("virtual accounts, each with its role, without their sub-accounts unless told", () => {
    const terms = approvalSchema.parse({
      scope: "virtualAccounts",
      role: "ADMIN",
      virtualAccounts: [
        { id: "va-1", role: "VIEWER" },
        { id: "va-2", role: "ADMIN", includeSubAccounts: true },
      ],
    });
    expect(accessOfApproval(terms)).toEqual({
      scope: "VIRTUAL_ACCOUNTS",
      grants: [
        { virtualAccountId: "va-1", role: "VIEWER", includeSubAccounts: false },
        { virtualAccountId: "va-2", role: "ADMIN", includeSubAccounts: true },
      ],
    });
  });

  it.each([
    [{ scope: "virtualAccounts" }, "virtualAccountsNone"],
    [{ scope: "virtualAccounts", virtualAccounts: [] }, "virtualAccountsNone"],
    [
      {
        scope: "virtualAccounts",
        virtualAccounts: Array.from({ length: 51 }, (_, i) => ({ id: `va-${i}`, role: "USER" })),
      },
      "virtualAccountsTooMany",
    ],
    [
      {
        scope: "virtualAccounts",
        virtualAccounts: [
          { id: "va-1", role: "USER" },
          { id: "va-1", role: "VIEWER" },
        ],
      },
      "virtualAccountTwice",
    ],
    [{ virtualAccounts: [{ id: "va-1", role: "USER" }] }, "virtualAccountsWithoutScope"],
  ])("refuses %j with %s", (input, message) => {
    const parsed = approvalSchema.safeParse(input);
    expect(parsed.error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["virtualAccounts", message],
    ]);
  });
});

describe("a tree in reading order", () => {
  it("puts each virtual account before the ones below it, siblings by name, DEFAULT first", () => {
    const tree = inTreeOrder([
      { id: "s", name: "Sales", parentId: null },
      { id: "f", name: "Firmware", parentId: "e" },
      { id: "d", name: "DEFAULT", parentId: null },
      { id: "a", name: "Antennas", parentId: "e" },
      { id: "e", name: "Engineering", parentId: null },
    ]);
    expect(tree.map((node) => [node.name, node.depth])).toEqual([
      ["DEFAULT", 1],
      ["Engineering", 1],
      ["Antennas", 2],
      ["Firmware", 2],
      ["Sales", 1],
    ]);
  });
});

describe("what a request granted", () => {
  it("is the kept scope, or the whole account with the granted role for a row that has none, or nothing", () => {
    const kept = { scope: "virtualAccounts", role: null, virtualAccounts: [] };
    expect(grantedScopeOfRow({ grantedScope: kept, grantedRole: null })).toEqual(kept);
    expect(grantedScopeOfRow({ grantedScope: null, grantedRole: "ADMIN" })).toEqual({
      scope: "account",
      role: "ADMIN",
      virtualAccounts: [],
    });
    expect(grantedScopeOfRow({ grantedScope: { scope: "bogus" }, grantedRole: null })).toBeNull();
  });
});

describe("the approval email", () => {
  const facts = {
    requesterName: "Rachel Martin",
    accountName: "Acme Corporation",
    domain: "acme.com",
    url: "http://localhost:3000/requests",
    deciderName: "Alice Dupont",
    onBehalfOfAccount: false,
  };

  it("one queued before scopes (a role, no scope) still renders, with its role", async () => {
    const email = await renderEmail("request-approved", "en", { ...facts, role: "VIEWER" });
    expect(email.text).toContain("Your role is Viewer.");
  });

  it("one for virtual accounts lists each, in the recipient's language", async () => {
    const scope = {
      scope: "virtualAccounts",
      role: null,
      virtualAccounts: [
        { id: "va-1", path: ["EMEA", "France"], role: "ADMIN", includeSubAccounts: true },
      ],
    };
    const en = await renderEmail("request-approved", "en", { ...facts, role: null, scope });
    expect(en.text).toContain("EMEA / France and its sub-accounts: Virtual Account Administrator");
    const fr = await renderEmail("request-approved", "fr", { ...facts, role: null, scope });
    expect(fr.text).toContain(
      "EMEA / France et ses sous-comptes : Administrateur de compte virtuel",
    );
  });

  it("one with neither a role nor a scope is refused rather than rendered wrong", async () => {
    await expect(renderEmail("request-approved", "en", { ...facts, role: null })).rejects.toThrow();
  });
});
