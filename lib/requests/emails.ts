import { requestToAdminsEmail } from "./emails/request-to-admins";
import { requestEscalatedEmail, supportCaseOpenedEmail } from "./emails/to-support";

/** Emails of the requester journey, by template name (see lib/mail/templates/index.ts). */
export const requestsEmailTemplates = {
  "request-to-admins": requestToAdminsEmail,
  "request-escalated": requestEscalatedEmail,
  "support-case-opened": supportCaseOpenedEmail,
};
