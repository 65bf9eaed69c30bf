import nodemailer, { type Transporter } from "nodemailer";

/** Connections the pooled SMTP transport opens at most, unless SMTP_URL says `maxConnections=`. */
export const DEFAULT_SMTP_CONNECTIONS = 5;

/**
 * SMTP when SMTP_URL is set; otherwise a transport that delivers nowhere, so that messages are only
 * read on the dev mailbox page (/dev/mailbox).
 *
 * The SMTP transport is pooled unless the URL says `pool=false`: the worker sends several messages
 * at once (OUTBOX_SEND_CONCURRENCY), each over a connection kept open, instead of one new connection
 * (greeting, EHLO, QUIT) per message. Parameters in the URL (`maxConnections`, `maxMessages`, …)
 * are nodemailer's and win over these defaults.
 */
export function createMailTransport(smtpUrl: string | undefined, connections = DEFAULT_SMTP_CONNECTIONS): Transporter {
  if (!smtpUrl) return nodemailer.createTransport({ jsonTransport: true });
  const url = new URL(smtpUrl);
  if (!url.searchParams.has("pool")) url.searchParams.set("pool", "true");
  if (!url.searchParams.has("maxConnections")) url.searchParams.set("maxConnections", String(connections));
  return nodemailer.createTransport(url.toString());
}
