import { requestApprovedEmail } from "./request-approved";
import { requestDeniedEmail } from "./request-denied";
import { requestEscalatedEmail } from "./request-escalated";
import { requestExpiredEmail } from "./request-expired";
import { requestToAdminsEmail } from "./request-to-admins";
import { signInEmail } from "./sign-in";
import { supportCaseOpenedEmail } from "./support-case-opened";
import { webhookDisabledEmail } from "./webhook-disabled";
import type { EmailTemplate } from "./types";

/**
 * Every email the portal sends, by the name stored in EmailMessage.template (stored names: never
 * rename one that rows may still carry).
 */
export const emailTemplates = {
  "sign-in": signInEmail,
  "request-to-admins": requestToAdminsEmail,
  "request-escalated": requestEscalatedEmail,
  "support-case-opened": supportCaseOpenedEmail,
  "request-approved": requestApprovedEmail,
  "request-denied": requestDeniedEmail,
  "request-expired": requestExpiredEmail,
  "webhook-disabled": webhookDisabledEmail,
};

export type EmailTemplateName = keyof typeof emailTemplates;
export type EmailPayload<Name extends EmailTemplateName> =
  (typeof emailTemplates)[Name] extends EmailTemplate<infer P> ? P : never;

export function emailTemplate(name: string): EmailTemplate<unknown> | null {
  return Object.hasOwn(emailTemplates, name) ? (emailTemplates[name as EmailTemplateName] as EmailTemplate<unknown>) : null;
}
