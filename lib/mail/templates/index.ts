import { accountSupportCaseOpenedEmail } from "./account-support-case-opened";
import { accountWithoutAdminEmail } from "./account-without-admin";
import { membershipAccessChangedEmail } from "./membership-access-changed";
import { memberAddedEmail } from "./member-added";
import { membershipEndedEmail } from "./membership-ended";
import { membershipEndingSoonEmail } from "./membership-ending-soon";
import { membershipExtendedEmail } from "./membership-extended";
import { membershipRemovedEmail } from "./membership-removed";
import { membershipRoleChangedEmail } from "./membership-role-changed";
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
  "membership-role-changed": membershipRoleChangedEmail,
  "membership-access-changed": membershipAccessChangedEmail,
  "membership-removed": membershipRemovedEmail,
  "membership-extended": membershipExtendedEmail,
  "membership-ending-soon": membershipEndingSoonEmail,
  "membership-ended": membershipEndedEmail,
  "account-support-case-opened": accountSupportCaseOpenedEmail,
  "account-without-admin": accountWithoutAdminEmail,
  "member-added": memberAddedEmail,
};

export type EmailTemplateName = keyof typeof emailTemplates;
export type EmailPayload<Name extends EmailTemplateName> =
  (typeof emailTemplates)[Name] extends EmailTemplate<infer P> ? P : never;

export function emailTemplate(name: string): EmailTemplate<unknown> | null {
  return Object.hasOwn(emailTemplates, name)
    ? (emailTemplates[name as EmailTemplateName] as EmailTemplate<unknown>)
    : null;
}
