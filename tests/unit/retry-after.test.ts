import { createFormatter, createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { catalogs } from "@/lib/i18n/messages";
import { retryWhen } from "@/lib/i18n/retry-after";

function messages(locale: "en" | "fr") {
  const t = createTranslator({ locale, messages: catalogs[locale] });
  const format = createFormatter({ locale });
  const now = Date.parse("2026-12-01T10:00:00Z");
  return {
    rateLimited: (seconds: number) =>
      t("errors.codes.RATE_LIMITED", { when: retryWhen(format, seconds, now) }),
    signInRefused: (seconds: number) =>
      t("signIn.rateLimited", { when: retryWhen(format, seconds, now) }),
  };
}

describe("a refused request says when to try again, in the user's language", () => {
  it("in English", () => {
    const en = messages("en");
    expect(en.signInRefused(900)).toBe(
      "Too many sign-in links were asked for. Try again in 15 minutes.",
    );
    expect(en.rateLimited(42)).toBe("Too many attempts. Try again in 42 seconds.");
    expect(en.rateLimited(3600)).toBe("Too many attempts. Try again in 1 hour.");
    expect(en.rateLimited(23 * 3600 + 59 * 60)).toBe("Too many attempts. Try again in 24 hours.");
  });

  it("in French", () => {
    const fr = messages("fr");
    expect(fr.signInRefused(900)).toBe(
      "Trop de liens de connexion ont été demandés. Réessayez dans 15 minutes.",
    );
    expect(fr.rateLimited(42)).toBe("Trop de tentatives. Réessayez dans 42 secondes.");
    expect(fr.rateLimited(3600)).toBe("Trop de tentatives. Réessayez dans 1 heure.");
  });

  it("never says now for a wait under a second", () => {
    expect(messages("en").rateLimited(0.2)).toBe("Too many attempts. Try again in 1 second.");
  });
});
