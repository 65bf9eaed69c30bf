import { plainTextSelectors } from "@react-email/render";
import { compile } from "html-to-text";
import { createTranslator } from "next-intl";
import type { ReactElement } from "react";
import { catalogs } from "@/lib/i18n/messages";
import { defaultLocale, isLocale, type AppLocale } from "@/lib/i18n/config";
import { emailTemplate } from "./templates";
import type { EmailTranslator } from "./templates/types";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export class UnknownEmailTemplateError extends Error {}

/** The doctype React Email puts before every email (email clients still expect XHTML 1.0). */
const DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

/**
 * React Email's own HTML-to-text conversion (`toPlainText`: html-to-text with its selectors, no
 * word wrap), compiled once: `toPlainText` recompiles the selectors on every call, which cost three
 * times the conversion itself.
 */
const toPlainText = compile({ wordwrap: false, selectors: plainTextSelectors });

/**
 * react-dom/server, loaded on first use as React Email's `render` does: a static import would make
 * Next refuse the pages that reach this module (the dev mailbox, support's timeline).
 */
let reactDomServer: Promise<typeof import("react-dom/server")> | undefined;

/**
 * Static HTML of an email. Our templates never suspend, so the synchronous `renderToStaticMarkup`
 * does what React Email's `render` does (which streams, for Suspense) at a fifth of the CPU, without
 * the streaming renderer's comment markers; tests/unit/email-render.test.ts checks that both give the
 * same HTML and text for every template.
 */
async function renderToHtml(element: ReactElement): Promise<string> {
  reactDomServer ??= import("react-dom/server");
  return DOCTYPE + (await reactDomServer).renderToStaticMarkup(element);
}

/**
 * Renders an outbox message in the recipient's language, to HTML and plain text. Rendered once: the
 * text is derived from the HTML, as React Email's `render(…, { plainText: true })` derives it.
 */
export async function renderEmail(
  template: string,
  locale: AppLocale,
  payload: unknown,
): Promise<RenderedEmail> {
  const definition = emailTemplate(template);
  if (!definition) throw new UnknownEmailTemplateError(`Unknown email template "${template}"`);
  const data = definition.payload.parse(payload);
  const t = createTranslator({ locale, messages: catalogs[locale] }) as unknown as EmailTranslator;
  const html = await renderToHtml(definition.render({ t, locale, data }));
  return { subject: definition.subject(t, data), html, text: toPlainText(html) };
}

/** What an outbox row is read with to be shown back: renderStoredEmail's part, its recipient and status. */
export const storedEmailSelect = {
  id: true,
  to: true,
  template: true,
  locale: true,
  payload: true,
  status: true,
} as const;

/**
 * A stored outbox message rendered to be read back (the dev mailbox, support's timeline), or null
 * when there is nothing left to show: its payload is gone, or it no longer renders.
 */
export async function renderStoredEmail(message: {
  template: string;
  locale: string;
  payload: unknown;
}): Promise<RenderedEmail | null> {
  if (message.payload === null) return null;
  try {
    return await renderEmail(
      message.template,
      isLocale(message.locale) ? message.locale : defaultLocale,
      message.payload,
    );
  } catch {
    return null;
  }
}
