import net from "node:net";
import nodemailer, { type Transporter } from "nodemailer";
// The file itself: nodemailer is external to the Next build, and Node resolves no directory imports.
import { parseConnectionUrl } from "nodemailer/lib/shared/index.js";
import type SMTPPool from "nodemailer/lib/smtp-pool";

/** Connections the pooled SMTP transport opens at most, unless SMTP_URL says `maxConnections=`. */
export const DEFAULT_SMTP_CONNECTIONS = 5;

/** nodemailer's connection timeout, which it does not apply to a socket it is handed. */
const CONNECTION_TIMEOUT_MS = 2 * 60_000;

/**
 * Opens the SMTP connection with Nagle's algorithm off. nodemailer writes each message in several
 * small writes (the body, then the final `.`); with Nagle on, the last one waits for the server to
 * acknowledge the previous one, which a server delays (40 ms on Linux) until it has something to
 * say: measured, one connection sent 20 mails/s with Nagle, 210/s without. nodemailer has no option
 * for it; `getSocket` is its documented hook for a socket of one's own (it still upgrades to TLS
 * for smtps:// and STARTTLS).
 */
function connectWithoutDelay(options: SMTPPool.Options, callback: (err: Error | null, socketOptions?: { connection: net.Socket }) => void) {
  const socket = net.connect({ host: options.host ?? "localhost", port: options.port ?? (options.secure ? 465 : 587), noDelay: true });
  socket.setTimeout(options.connectionTimeout ?? CONNECTION_TIMEOUT_MS, () => socket.destroy(new Error("SMTP connection timeout")));
  const fail = (error: Error) => callback(error);
  socket.once("error", fail);
  socket.once("connect", () => {
    socket.off("error", fail);
    socket.setTimeout(0);
    callback(null, { connection: socket });
  });
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
export function createMailTransport(smtpUrl: string, connections = DEFAULT_SMTP_CONNECTIONS): Transporter {
  // `pool: false` in the URL gives nodemailer's one-connection-per-message transport instead.
  const options = { pool: true, maxConnections: connections, ...parseConnectionUrl(smtpUrl), getSocket: connectWithoutDelay };
  return nodemailer.createTransport(options as SMTPPool.Options);
}
