import { render } from "@react-email/render";
import { createTranslator } from "next-intl";
import { describe, expect, it } from "vitest";
import { catalogs } from "@/lib/i18n/messages";
import { retryDelayMs } from "@/lib/jobs/retry";
import { renderEmail, UnknownEmailTemplateError } from "@/lib/mail/render";
import { emailTemplates } from "@/lib/mail/templates";
import type { EmailTemplate, EmailTranslator } from "@/lib/mail/templates/types";

describe("email rendering", () => {
  it("renders the sign-in email in the recipient's language, as HTML and plain text", async () => {
    const url = "http://localhost:3000/api/auth/callback/email?token=abc";
    const en = await renderEmail("sign-in", "en", { url, minutes: 15 });
    const fr = await renderEmail("sign-in", "fr", { url, minutes: 15 });
    expect(en.subject).toBe("Your sign-in link");
    expect(fr.subject).toBe("Votre lien de connexion");
    expect(en.html).toContain('lang="en"');
    expect(fr.html).toContain('lang="fr"');
    expect(en.html).toContain(url.replace("&", "&amp;"));
    expect(en.text).toContain(url);
    expect(fr.text).toContain("Se connecter");
    expect(en.text).not.toContain("<");
  });

  it("renders every template's preview in both languages", async () => {
    for (const [name, template] of Object.entries(emailTemplates)) {
      for (const locale of ["en", "fr"] as const) {
        const email = await renderEmail(name, locale, template.preview);
        expect(email.subject.length, `${name} ${locale}`).toBeGreaterThan(3);
        expect(email.text.length, `${name} ${locale}`).toBeGreaterThan(20);
      }
    }
  });

  it("gives every template the HTML and text React Email's own render gives, rendering once", async () => {
    // React Email's streaming renderer leaves comment markers (<!--$--> …) that mean nothing to a
    // mail client; everything else must match, and the text exactly.
    const withoutComments = (html: string) => html.replace(/<!--.*?-->/gs, "");
    for (const [name, template] of Object.entries(emailTemplates) as [
      string,
      EmailTemplate<unknown>,
    ][]) {
      for (const locale of ["en", "fr"] as const) {
        const t = createTranslator({
          locale,
          messages: catalogs[locale],
        }) as unknown as EmailTranslator;
        const element = () => template.render({ t, locale, data: template.preview });
        const email = await renderEmail(name, locale, template.preview);
        expect(withoutComments(email.html), `${name} ${locale}`).toBe(
          withoutComments(await render(element())),
        );
        expect(email.text, `${name} ${locale}`).toBe(await render(element(), { plainText: true }));
      }
    }
  });

  it("refuses an unknown template or a payload of the wrong shape", async () => {
    await expect(renderEmail("no-such-email", "en", {})).rejects.toBeInstanceOf(
      UnknownEmailTemplateError,
    );
    await expect(renderEmail("sign-in", "en", { url: "not a url" })).rejects.toThrow();
  });
});

describe("retry backoff", () => {
  it("doubles with each attempt, with jitter, up to an hour", () => {
    const first = retryDelayMs(1);
    const third = retryDelayMs(3);
    expect(first).toBeGreaterThanOrEqual(8_000);
    expect(first).toBeLessThanOrEqual(12_000);
    expect(third).toBeGreaterThanOrEqual(32_000);
    expect(third).toBeLessThanOrEqual(48_000);
    expect(retryDelayMs(30)).toBeLessThanOrEqual(72 * 60_000);
  });
});
