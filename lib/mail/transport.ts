import net from "node:net";
import nodemailer, { type Transporter } from "nodemailer";
// The file itself: nodemailer is external to the Next build, and Node resolves no directory imports.
import { parseConnectionUrl } from "nodemailer/lib/shared/index.js";
import type SMTPPool from "nodemailer/lib/smtp-pool";

/** Connections the pooled SMTP transport opens at most, unless SMTP_URL says `maxConnections=`. */
export const DEFAULT_SMTP_CONNECTIONS = 5;

/**
 * How long a send may wait, stated rather than left to nodemailer's defaults (10 min of silence).
 * Connecting and the greeting are quick or never happen: the greeting timeout covers both, since
 * the socket is handed to nodemailer while it connects. An accepting server may think for minutes
 * (RFC 5321 asks clients to wait 5 to 10): the outbox renews its claim meanwhile, so a slow server
 * delays a message but never makes another worker send it too.
 */
export const SMTP_TIMEOUTS = { greetingTimeout: 30_000, socketTimeout: 5 * 60_000 } as const;

/**
 * Opens the SMTP connection with Nagle's algorithm off. nodemailer writes each message in several
 * small writes (the body, then the final `.`); with Nagle on, the last one waits for the server to
 * acknowledge the previous one, which a server delays (40 ms on Linux) until it has something to
 * say: measured, one connection sent 20 mails/s with Nagle, 210/s without. nodemailer had no option
 * for it before 10.1 (which now turns Nagle off on every SMTP socket, this one included); `getSocket`
 * is its documented hook for a socket of one's own (it still upgrades to TLS for smtps:// and
 * STARTTLS).
 *
 * The socket is handed over at once, still connecting, so that a refused or failed connection
 * reaches nodemailer's own error handling, which retires the pool's connection. An error passed to
 * the hook's callback instead failed the message but kept the pool's slot busy for ever before
 * nodemailer 10.0: after as many failures as it had connections, a pooled transport sent nothing
 * again.
 */
function connectWithoutDelay(
  options: SMTPPool.Options,
  callback: (err: Error | null, socketOptions?: { connection: net.Socket }) => void,
) {
  const socket = net.connect({
    host: options.host ?? "localhost",
    // nodemailer's own reading of the port (its options type allows a string since nodemailer 10).
    port: Number(options.port) || (options.secure ? 465 : 587),
    noDelay: true,
  });
  callback(null, { connection: socket });
}

/**
 * The SMTP transport of SMTP_URL. There is no other: without an SMTP server the worker holds
 * messages (status HELD) rather than pretend to send them.
 *
 * It is pooled unless the URL says `pool=false`: the worker sends several messages
 * at once (OUTBOX_SEND_CONCURRENCY), each over a connection kept open, instead of one new connection
 * (greeting, EHLO, QUIT) per message. Parameters in the URL (`maxConnections`, `maxMessages`, …)
 * are nodemailer's and win over these defaults.
 */
export function createMailTransport(
  smtpUrl: string,
  connections = DEFAULT_SMTP_CONNECTIONS,
): Transporter {
  // `pool: false` in the URL gives nodemailer's one-connection-per-message transport instead.
  const options = {
    pool: true,
    maxConnections: connections,
    ...SMTP_TIMEOUTS,
    ...parseConnectionUrl(smtpUrl),
    getSocket: connectWithoutDelay,
  };
  return nodemailer.createTransport(options as SMTPPool.Options);
}
