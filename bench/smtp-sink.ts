/**
 * F4's SMTP server: the real `smtp-server` package speaking SMTP on loopback, as the tests' mail
 * catcher (tests/support/mail-catcher.ts) does, but without parsing each message with mailparser,
 * which cost 2.3–3 ms of CPU per mail in the bench's process, on the same 2 cores as the worker. F4
 * only needs each message's recipients and the token in its link: the sink hands over the raw
 * message with quoted-printable's soft line breaks (`=\r\n`) and `=3D` (`=`) undone, so that a
 * token split across lines or written `token=3D…` reads as in the link.
 */
import { SMTPServer } from "smtp-server";

export interface SunkMessage {
  to: string[];
  /** The message as received (headers and every part), soft line breaks and `=3D` decoded. */
  raw: string;
}

export interface SmtpSink {
  url: string;
  stop(): Promise<void>;
}

export function decodeSoftBreaks(raw: string): string {
  return raw.replace(/=\r?\n/g, "").replace(/=3D/gi, "=");
}

/**
 * Accepts every message once `onMessage` has taken it (and, when it returns a promise, once that
 * settles: the resilience tests' relay uses that to be slow to accept).
 */
export async function startSmtpSink(
  onMessage: (message: SunkMessage) => void | Promise<void>,
): Promise<SmtpSink & { port: number }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", callback);
      stream.on("end", () => {
        const message = {
          to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
          raw: decodeSoftBreaks(Buffer.concat(chunks).toString("latin1")),
        };
        Promise.resolve(onMessage(message)).then(() => callback(), callback);
      });
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.server.address();
      if (typeof address === "object" && address) resolve(address.port);
      else reject(new Error("SMTP sink has no port"));
    });
  });
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
