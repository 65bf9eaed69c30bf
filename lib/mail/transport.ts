import nodemailer, { type Transporter } from "nodemailer";

/**
 * SMTP when SMTP_URL is set; otherwise a transport that delivers nowhere, so that messages are only
 * read on the dev mailbox page (/dev/mailbox).
 */
export function createMailTransport(smtpUrl: string | undefined): Transporter {
  return smtpUrl ? nodemailer.createTransport(smtpUrl) : nodemailer.createTransport({ jsonTransport: true });
}
