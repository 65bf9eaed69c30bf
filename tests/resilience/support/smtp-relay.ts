import net from "node:net";
import { startSmtpSink } from "@/bench/smtp-sink";
import { allocatePort } from "./ports";

export interface RelayedMail {
  messageId: string;
  to: string[];
  /** The message as received, quoted-printable soft line breaks undone (links read whole). */
  raw: string;
}

export interface SmtpRelay {
  /** SMTP_URL for the app servers. */
  url: string;
  /** Every message accepted, in order, copies included. */
  received: RelayedMail[];
  /** How many times each Message-ID was accepted (the outbox gives each email its own). */
  copiesById(): Map<string, number>;
  /** Resolves with the first message (received or to come) that matches. */
  waitFor(match: (mail: RelayedMail) => boolean, timeoutMs?: number): Promise<RelayedMail>;
  /**
   * The relay goes down: connections are refused and the open ones cut. Resolves with how many it
   * cut: each may have been carrying a message the relay had accepted and whose reply was lost.
   */
  goDown(): Promise<number>;
  comeBack(): Promise<void>;
  /** Accepts each message only `ms` after it has been transmitted (0: at once). */
  answerAfter(ms: number): void;
  stop(): Promise<void>;
}

function messageIdOf(raw: string): string {
  const headers = raw.slice(0, raw.search(/\r?\n\r?\n/));
  return /^message-id:\s*(<[^>\r\n]+>)/im.exec(headers)?.[1] ?? "";
}

/**
 * A company's SMTP relay as the app sees it: a real SMTP server (`smtp-server`) that keeps what it
 * accepts, behind a TCP front door that can go down (connections refused, open ones cut) and come
 * back on the same port, and that can be made slow to accept.
 */
export async function startSmtpRelay(): Promise<SmtpRelay> {
  const received: RelayedMail[] = [];
  const waiters = new Set<{
    match: (mail: RelayedMail) => boolean;
    resolve: (mail: RelayedMail) => void;
  }>();
  let answerDelayMs = 0;

  const sink = await startSmtpSink(async ({ to, raw }) => {
    if (answerDelayMs) await new Promise((resolve) => setTimeout(resolve, answerDelayMs));
    const mail = { messageId: messageIdOf(raw), to, raw };
    received.push(mail);
    for (const waiter of waiters) {
      if (!waiter.match(mail)) continue;
      waiters.delete(waiter);
      waiter.resolve(mail);
    }
  });
  const sinkPort = sink.port;

  const open = new Set<net.Socket>();
  const frontDoor = net.createServer((client) => {
    const upstream = net.connect(sinkPort, "127.0.0.1");
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on("close", () => open.delete(socket));
      socket.on("error", () => (client.destroy(), upstream.destroy()));
    }
    client.pipe(upstream).pipe(client);
  });
  const port = await allocatePort();
  const listen = () => new Promise<void>((resolve) => frontDoor.listen(port, "127.0.0.1", resolve));
  await listen();
  const goDown = async () => {
    const closed = new Promise<void>((resolve) => frontDoor.close(() => resolve()));
    const cut = open.size;
    for (const socket of open) socket.destroy();
    await closed;
    return cut;
  };

  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    copiesById() {
      const copies = new Map<string, number>();
      for (const mail of received)
        copies.set(mail.messageId, (copies.get(mail.messageId) ?? 0) + 1);
      return copies;
    },
    waitFor(match, timeoutMs = 30_000) {
      const found = received.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const waiter = {
          match,
          resolve: (mail: RelayedMail) => (clearTimeout(timer), resolve(mail)),
        };
        const timer = setTimeout(
          () => (
            waiters.delete(waiter),
            reject(new Error("No matching email reached the relay in time"))
          ),
          timeoutMs,
        );
        waiters.add(waiter);
      });
    },
    goDown,
    comeBack: listen,
    answerAfter(ms) {
      answerDelayMs = ms;
    },
    async stop() {
      if (frontDoor.listening) await goDown();
      await sink.stop();
    },
  };
}
