import { adminEmailTemplates } from "@/lib/admin/emails";
import { requestsEmailTemplates } from "@/lib/requests/emails";
import { supportEmailTemplates } from "@/lib/support/emails";
import { signInEmail } from "./sign-in";
import type { EmailTemplate } from "./types";

/** Every email the portal sends, by the name stored in EmailMessage.template. */
export const emailTemplates = {
  "sign-in": signInEmail,
  ...requestsEmailTemplates,
  ...adminEmailTemplates,
  ...supportEmailTemplates,
};

export type EmailTemplateName = keyof typeof emailTemplates;
export type EmailPayload<Name extends EmailTemplateName> =
  (typeof emailTemplates)[Name] extends EmailTemplate<infer P> ? P : never;

export function emailTemplate(name: string): EmailTemplate<unknown> | null {
  return Object.hasOwn(emailTemplates, name) ? (emailTemplates[name as EmailTemplateName] as EmailTemplate<unknown>) : null;
}
