import { requestApprovedEmail, requestDeniedEmail, requestExpiredEmail } from "./emails/to-requester";

/** Emails of this feature, by template name (see lib/mail/templates/index.ts). */
export const adminEmailTemplates = {
  "request-approved": requestApprovedEmail,
  "request-denied": requestDeniedEmail,
  "request-expired": requestExpiredEmail,
};
