/** Emails of this feature, by template name (see lib/mail/templates/index.ts). */
export const supportEmailTemplates = {};
