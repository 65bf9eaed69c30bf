import { describe, expect, it } from "vitest";
import { createTranslator } from "next-intl";
import en from "@/lib/i18n/messages/en/memberships.json";
import fr from "@/lib/i18n/messages/fr/memberships.json";
import { describeAccess } from "@/lib/virtual-accounts/describe";

/* An access in words (lib/virtual-accounts/describe.ts), in both languages. */
const translator = (messages: typeof en, locale: "en" | "fr") => {
  const t = createTranslator({ locale, messages });
  return (key: string, values?: Record<string, string>) => t(key as never, values as never);
};

const virtualAccounts = {
  scope: "VIRTUAL_ACCOUNTS" as const,
  grants: [
    { virtualAccountId: "a", role: "USER" as const, includeSubAccounts: false, path: ["Americas"] },
    {
      virtualAccountId: "f",
      role: "ADMIN" as const,
      includeSubAccounts: true,
      path: ["EMEA", "France"],
    },
  ],
};

describe("describeAccess", () => {
  it("names the Smart Account role of an access to the whole account", () => {
    expect(describeAccess(translator(en, "en"), { scope: "ACCOUNT", role: "VIEWER" })).toEqual([
      "Smart Account Viewer",
    ]);
    expect(describeAccess(translator(fr, "fr"), { scope: "ACCOUNT", role: "ADMIN" })).toEqual([
      "Administrateur du Smart Account",
    ]);
  });

  it("gives one line per virtual account, its path, role and sub-accounts", () => {
    expect(describeAccess(translator(en, "en"), virtualAccounts)).toEqual([
      "Americas: Virtual Account User",
      "EMEA / France and its sub-accounts: Virtual Account Administrator",
    ]);
    expect(describeAccess(translator(fr, "fr"), virtualAccounts)).toEqual([
      "Americas : Utilisateur de compte virtuel",
      "EMEA / France et ses sous-comptes : Administrateur de compte virtuel",
    ]);
  });
});
