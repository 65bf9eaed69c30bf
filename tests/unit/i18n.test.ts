import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage } from "@/lib/i18n/config";
import { catalogs } from "@/lib/i18n/messages";

function keysOf(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) =>
    keysOf(child, prefix ? `${prefix}.${key}` : key),
  );
}

/** ICU placeholders such as {email} in a message. */
function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\s*[,}]/g)].map((match) => match[1]!).sort();
}

function lookup(catalog: unknown, key: string): string {
  return key
    .split(".")
    .reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalog) as string;
}

describe("message catalogs", () => {
  it("English and French have exactly the same keys", () => {
    const en = keysOf(catalogs.en).sort();
    const fr = keysOf(catalogs.fr).sort();
    expect(fr.filter((key) => !en.includes(key))).toEqual([]);
    expect(en.filter((key) => !fr.includes(key))).toEqual([]);
  });

  it("every translation uses the same placeholders as the English text and is not empty", () => {
    for (const key of keysOf(catalogs.en)) {
      const fr = lookup(catalogs.fr, key);
      expect(fr.trim(), key).not.toBe("");
      expect(placeholders(fr), key).toEqual(placeholders(lookup(catalogs.en, key)));
    }
  });
});

describe("localeFromAcceptLanguage", () => {
  it("picks the supported language with the highest weight", () => {
    expect(localeFromAcceptLanguage("de-DE,fr;q=0.8,en;q=0.5")).toBe("fr");
    expect(localeFromAcceptLanguage("en-GB,en;q=0.9,fr;q=0.8")).toBe("en");
    expect(localeFromAcceptLanguage("fr-CA")).toBe("fr");
  });

  it("keeps header order between equal weights and ignores q=0", () => {
    expect(localeFromAcceptLanguage("fr,en")).toBe("fr");
    expect(localeFromAcceptLanguage("fr;q=0,en;q=0.1")).toBe("en");
  });

  it("returns null when nothing supported is asked for", () => {
    expect(localeFromAcceptLanguage("de,es;q=0.9")).toBeNull();
    expect(localeFromAcceptLanguage(undefined)).toBeNull();
    expect(localeFromAcceptLanguage("")).toBeNull();
  });
});
