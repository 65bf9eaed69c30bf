import { simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface CaughtMail {
  to: string[];
  from: string;
  messageId: string;
  subject: string;
  text: string;
  html: string;
}

export interface MailCatcher {
  port: number;
  url: string;
  messages: CaughtMail[];
  /** Resolves with the first message (already received or to come) that matches. */
  waitFor(match: (mail: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  /** Makes the server refuse the next `count` messages with a temporary error. */
  refuseNext(count: number): void;
  /** Makes the server answer each message (accept or refuse) only `ms` after receiving it. */
  answerAfter(ms: number): void;
  stop(): Promise<void>;
}

/** A real SMTP server on loopback (the `smtp-server` package) that keeps what it receives. */
export async function startMailCatcher(onMail?: (mail: CaughtMail) => void): Promise<MailCatcher> {
  const messages: CaughtMail[] = [];
  const waiters: { match: (mail: CaughtMail) => boolean; resolve: (mail: CaughtMail) => void }[] =
    [];
  let refusals = 0;
  let answerDelayMs = 0;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, done) {
      const delay = answerDelayMs;
      const callback = (error?: Error | null) =>
        delay ? setTimeout(() => done(error), delay) : done(error);
      if (refusals > 0) {
        refusals -= 1;
        stream.resume();
        stream.on("end", () =>
          callback(Object.assign(new Error("Try again later"), { responseCode: 451 })),
        );
        return;
      }
      simpleParser(stream)
        .then((parsed) => {
          const mail: CaughtMail = {
            to: session.envelope.rcptTo.map((rcpt) => rcpt.address.toLowerCase()),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            messageId: parsed.messageId ?? "",
            subject: parsed.subject ?? "",
            text: parsed.text ?? "",
            html: typeof parsed.html === "string" ? parsed.html : "",
          };
          messages.push(mail);
          onMail?.(mail);
          for (const waiter of [...waiters]) {
            if (waiter.match(mail)) {
              waiters.splice(waiters.indexOf(waiter), 1);
              waiter.resolve(mail);
            }
          }
          callback();
        })
        .catch(callback);
    },
  });

  const port = await new Promise<number>((resolve, reject) => {
    server.listen(0, "127.0.0.1", () => {
      const address = server.server.address();
      if (typeof address === "object" && address) resolve(address.port);
      else reject(new Error("SMTP server has no port"));
    });
  });

  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    messages,
    waitFor(match, timeoutMs = 15_000) {
      const found = messages.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error("No matching email arrived in time")),
          timeoutMs,
        );
        waiters.push({ match, resolve: (mail) => (clearTimeout(timer), resolve(mail)) });
      });
    },
    refuseNext(count) {
      refusals = count;
    },
    answerAfter(ms) {
      answerDelayMs = ms;
    },
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
