import type { Transporter } from "nodemailer";
import {
  claimDueEmails,
  holdDueEmails,
  markEmailsSent,
  renewEmailLease,
  type ClaimedMessage,
} from "@/lib/db/sql/outbox";
import type { Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { isLocale, defaultLocale } from "@/lib/i18n/config";
import { forEachAtMost } from "@/lib/jobs/concurrency";
import { logger } from "@/lib/log";
import { startPollingLoop, type PollingLoop } from "@/lib/jobs/polling-loop";
import { afterFailureMs, retryDelayMs } from "@/lib/jobs/retry";
import { uuidv7 } from "@/lib/uuidv7";
import { renderEmail } from "./render";
import { createMailTransport } from "./transport";

export interface OutboxOptions {
  db: PrismaClient;
  transport: Transporter;
  from: string;
  maxAttempts: number;
  batchSize?: number;
  /**
   * How long a claimed message stays invisible to other workers (60 s by default). The worker renews
   * it while the batch is being sent, so this only bounds how soon a dead worker's batch comes back.
   */
  leaseMs?: number;
  /** Messages rendered and sent at once (5 by default): match the transport's pooled connections. */
  concurrency?: number;
}

export interface DeliveryReport {
  sent: number;
  retrying: number;
  failed: number;
}

/** One batch's hold on its messages: `token` is written on every row it claimed. */
interface Claim {
  db: PrismaClient;
  token: string;
  leaseMs: number;
}

/**
 * Pushes the lease of the claim's messages still being sent forward again. An SMTP server may take
 * longer than the lease to accept a message (its timeouts are longer than the lease): without the
 * renewal another worker would claim the message meanwhile and send it a second time.
 */
async function renewLease({ db, token, leaseMs }: Claim): Promise<void> {
  await renewEmailLease(db, token, leaseMs);
}

/** Records the outcome of one claimed message, unless its claim is no longer this worker's. */
async function recordOutcome(
  { db, token }: Claim,
  id: string,
  data: { status?: "FAILED"; lastError: string; nextAttemptAt?: Date },
) {
  await db.emailMessage.updateMany({
    where: { id, claimToken: token, status: "QUEUED" },
    data: { ...data, claimToken: null },
  });
}

/** The Message-ID header of an outbox message: the same on every attempt, so duplicates can be told apart. */
function messageIdOf(id: string, from: string): string {
  const domain = /@([^\s>]+)/.exec(from)?.[1] ?? "localhost";
  return `<${id}@${domain}>`;
}

type Outcome = keyof DeliveryReport;

/**
 * Renders and sends one message. A message that was sent is only reported: the caller marks the
 * batch's sent messages in one UPDATE. Failures are rare and each has its own error and retry time,
 * so they are recorded one by one.
 */
async function deliverOne(
  options: OutboxOptions,
  claim: Claim,
  message: ClaimedMessage,
): Promise<Outcome> {
  let rendered;
  try {
    rendered = await renderEmail(
      message.template,
      isLocale(message.locale) ? message.locale : defaultLocale,
      message.payload,
    );
  } catch (error) {
    // A message that cannot be rendered never will be: fail it at once.
    await recordOutcome(claim, message.id, {
      status: "FAILED",
      lastError: `render: ${String(error)}`.slice(0, 2000),
    });
    return "failed";
  }
  try {
    // Quoted-printable suits the portal's languages (en, fr); left to itself, nodemailer counts the
    // Latin letters of every part with a regular expression to choose, which cost more than encoding.
    await options.transport.sendMail({
      from: options.from,
      to: message.to,
      messageId: messageIdOf(message.id, options.from),
      textEncoding: "quoted-printable",
      ...rendered,
    });
    return "sent";
  } catch (error) {
    const giveUp = message.attempts >= options.maxAttempts;
    const lastError = String(error).slice(0, 2000);
    await recordOutcome(
      claim,
      message.id,
      giveUp
        ? { status: "FAILED", lastError }
        : { lastError, nextAttemptAt: new Date(Date.now() + retryDelayMs(message.attempts)) },
    );
    return giveUp ? "failed" : "retrying";
  }
}

/** Templates whose payload is a credential (a sign-in link): nobody may read it once it is sent. */
const CREDENTIAL_TEMPLATES = ["sign-in"];

/**
 * Marks messages SENT, in one statement. Only messages the SMTP server accepted get here, so no
 * unsent message is ever marked SENT. If the process dies between the sending and this UPDATE, the
 * messages stay QUEUED and are sent again once their lease ends: delivery is at least once. Only rows
 * still under this claim change: one another worker took over (and maybe failed) keeps its outcome.
 * The same statement empties the payload of a sign-in email: from then on its link exists only in
 * the recipient's mailbox, never in a database dump or backup.
 */
async function markSent({ db, token }: Claim, ids: string[]): Promise<void> {
  const marked = await markEmailsSent(db, token, ids, CREDENTIAL_TEMPLATES);
  if (marked < ids.length)
    logger.warn(
      { sent: ids.length, marked },
      "outbox: another worker took over messages this one sent",
    );
}

const MARK_RETRY_MS = 500;

/**
 * markSent, tried again while the database is away, for as long as a lease lasts: the SMTP server
 * has accepted these messages, and giving up would leave them QUEUED to be sent a second time.
 */
async function markSentWhileLeased(claim: Claim, ids: string[]): Promise<void> {
  const deadline = Date.now() + claim.leaseMs;
  for (;;) {
    try {
      return await markSent(claim, ids);
    } catch (error) {
      if (Date.now() + MARK_RETRY_MS > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, MARK_RETRY_MS));
    }
  }
}

/** Delivers one batch of due messages, `concurrency` at a time; returns what happened to them. */
export async function deliverDueEmails(options: OutboxOptions): Promise<DeliveryReport> {
  const claim: Claim = { db: options.db, token: uuidv7(), leaseMs: options.leaseMs ?? 60_000 };
  // FOR UPDATE SKIP LOCKED: several workers (several app instances) never pick the same message at
  // once, and the claim's token on the rows means a worker whose claim was taken over records nothing.
  const claimed = await claimDueEmails(
    claim.db,
    claim.token,
    claim.leaseMs,
    options.batchSize ?? 20,
  );
  const report: DeliveryReport = { sent: 0, retrying: 0, failed: 0 };
  const sent: string[] = [];
  let lost: { error: unknown } | undefined;
  const renewal = claimed.length
    ? setInterval(
        () =>
          renewLease(claim).catch((error) =>
            logger.warn({ err: error }, "outbox: could not renew a claim's lease"),
          ),
        claim.leaseMs / 3,
      )
    : undefined;
  try {
    await forEachAtMost(claimed, options.concurrency ?? 5, async (message) => {
      try {
        const outcome = await deliverOne(options, claim, message);
        report[outcome] += 1;
        if (outcome === "sent") sent.push(message.id);
      } catch (error) {
        // Recording a failure failed (the database went away): the message's lease brings it back.
        // The others go on, and what was sent is still marked below.
        lost ??= { error };
      }
    });
    if (sent.length) await markSentWhileLeased(claim, sent);
  } finally {
    clearInterval(renewal);
  }
  if (lost) throw lost.error;
  if (claimed.length) logger.info({ outbox: report }, "outbox batch delivered");
  return report;
}

export type OutboxWorker = PollingLoop;

/**
 * The worker as the outbox job runs it (lib/jobs/jobs.ts): settings from the environment, a pooled
 * SMTP transport of OUTBOX_SEND_CONCURRENCY connections, closed when the worker stops (or, with no
 * SMTP_URL, holding messages instead), polling every `pollMs`.
 */
export function startOutboxWorkerFromEnv(
  db: PrismaClient,
  e: Env,
  pollMs = e.OUTBOX_POLL_MS,
): OutboxWorker {
  if (!e.SMTP_URL) {
    return startPollingLoop({
      // Without an SMTP server (the demo), due messages are marked HELD: never sent, and saying so,
      // rather than waiting as a backlog or pretending to be SENT. The dev mailbox shows them.
      pass: async () => {
        await holdDueEmails(db);
        return false;
      },
      intervalMs: pollMs,
      retryMs: afterFailureMs(pollMs),
      failureMessage: "outbox worker could not reach the database; retrying",
    });
  }
  const transport = createMailTransport(e.SMTP_URL, e.OUTBOX_SEND_CONCURRENCY);
  const worker = startOutboxWorker({
    db,
    transport,
    from: e.MAIL_FROM,
    maxAttempts: e.OUTBOX_MAX_ATTEMPTS,
    concurrency: e.OUTBOX_SEND_CONCURRENCY,
    leaseMs: e.OUTBOX_LEASE_MS,
    pollMs,
  });
  return {
    async stop() {
      await worker.stop();
      transport.close();
    },
  };
}

/** Polls the outbox until stopped; survives the database going away (logs, waits, tries again). */
export function startOutboxWorker(options: OutboxOptions & { pollMs: number }): OutboxWorker {
  return startPollingLoop({
    pass: async () => {
      const report = await deliverDueEmails(options);
      // A full batch means more may be waiting: go again at once.
      return report.sent + report.retrying + report.failed >= (options.batchSize ?? 20);
    },
    intervalMs: options.pollMs,
    retryMs: afterFailureMs(options.pollMs),
    failureMessage: "outbox worker could not reach the database; retrying",
  });
}
