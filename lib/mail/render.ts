import { render } from "@react-email/render";
import { createTranslator } from "next-intl";
import { catalogs } from "@/lib/i18n/messages";
import type { AppLocale } from "@/lib/i18n/config";
import { emailTemplate } from "./templates";
import type { EmailTranslator } from "./templates/types";

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

export class UnknownEmailTemplateError extends Error {}

/** Renders an outbox message in the recipient's language, to HTML and plain text. */
export async function renderEmail(template: string, locale: AppLocale, payload: unknown): Promise<RenderedEmail> {
  const definition = emailTemplate(template);
  if (!definition) throw new UnknownEmailTemplateError(`Unknown email template "${template}"`);
  const data = definition.payload.parse(payload);
  const t = createTranslator({ locale, messages: catalogs[locale] }) as unknown as EmailTranslator;
  const element = definition.render({ t, locale, data });
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: definition.subject(t, data), html, text };
}
