import {
  claimDueDeliveries,
  insertAttempts,
  markDelivered,
  type ClaimedDelivery,
} from "@/lib/db/sql/webhook-delivery";
import type { Env } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { forEachAtMost } from "@/lib/jobs/concurrency";
import { logger } from "@/lib/log";
import { startPollingLoop, type PollingLoop } from "@/lib/jobs/polling-loop";
import { afterFailureMs, retryDelayMs } from "@/lib/jobs/retry";
import { HOUR_MS } from "@/lib/time";
import { uuidv7 } from "@/lib/uuidv7";
import { localTargetsAllowed } from "./address-guard";
import { disableFailingEndpoints } from "./endpoint-health";
import { postWebhook, webhookAgents, type PostOutcome, type WebhookAgents } from "./http-client";
import { ENDPOINT_CONCURRENCY, FAILING_DISABLES_AFTER_HOURS } from "./rules";
import { webhookHeaders } from "./signing";

export interface WebhookWorkerOptions {
  db: PrismaClient;
  agents: WebhookAgents;
  batchSize?: number;
  /**
   * How long a claimed delivery stays invisible to other workers (60 s): longer than a whole batch
   * can take (every attempt ends within DELIVERY_TIMEOUT_MS), so no renewal is needed.
   */
  leaseMs?: number;
  /** Deliveries posted at once. */
  concurrency?: number;
  /** Deliveries of one endpoint in flight at once, across every worker (ENDPOINT_CONCURRENCY). */
  perEndpoint?: number;
  /** The clock (tests move it a day on). */
  now?: () => Date;
}

export interface WebhookReport {
  delivered: number;
  retrying: number;
  failed: number;
}

/** The secrets a delivery is signed with: the current one, and during a rotation's overlap the previous one. */
function secretsOf(delivery: ClaimedDelivery, now: Date): string[] {
  const overlap =
    delivery.previousSecret &&
    delivery.previousSecretExpiresAt &&
    delivery.previousSecretExpiresAt > now;
  return overlap ? [delivery.secret, delivery.previousSecret!] : [delivery.secret];
}

interface Attempt {
  delivery: ClaimedDelivery;
  attemptedAt: Date;
  outcome: PostOutcome;
}

const succeeded = (attempt: Attempt) => attempt.outcome.error === null;

/**
 * Records a batch's attempts: every attempt's row (one INSERT), the delivered ones (one UPDATE), and
 * each failure's retry time or, once retrying has gone on for a day, its end. Only rows still under
 * this claim change. Delivery is at least once: a worker that dies after posting and before this
 * leaves the delivery QUEUED, and it is posted again when the lease ends (same webhook-id, so a
 * receiver can drop the duplicate).
 */
async function recordAttempts(
  db: PrismaClient,
  token: string,
  attempts: Attempt[],
  now: Date,
): Promise<WebhookReport> {
  const report: WebhookReport = { delivered: 0, retrying: 0, failed: 0 };
  await insertAttempts(
    db,
    attempts.map(({ delivery, attemptedAt, outcome }) => ({
      deliveryId: delivery.id,
      attemptedAt,
      ...outcome,
    })),
  );
  const delivered = attempts.filter(succeeded).map((a) => a.delivery.id);
  if (delivered.length) {
    report.delivered = await markDelivered(db, token, delivered, now);
  }
  const giveUpBefore = new Date(now.getTime() - FAILING_DISABLES_AFTER_HOURS * HOUR_MS);
  for (const { delivery, outcome } of attempts.filter((attempt) => !succeeded(attempt))) {
    const nextAttemptAt = new Date(now.getTime() + retryDelayMs(delivery.attempts));
    const giveUp = delivery.createdAt <= giveUpBefore;
    await db.webhookDelivery.updateMany({
      where: { id: delivery.id, claimToken: token, status: "QUEUED" },
      data: giveUp
        ? { status: "FAILED", lastError: outcome.error, claimToken: null }
        : { lastError: outcome.error, nextAttemptAt, claimToken: null },
    });
    report[giveUp ? "failed" : "retrying"] += 1;
  }
  return report;
}

/** Posts one batch of due deliveries, `concurrency` at a time; returns what happened to them. */
export async function deliverDueWebhooks(options: WebhookWorkerOptions): Promise<WebhookReport> {
  const clock = options.now ?? (() => new Date());
  const token = uuidv7();
  // FOR UPDATE SKIP LOCKED, as the email outbox: several workers never post the same delivery at
  // once, and a worker whose claim was taken over (its token gone from the rows) records nothing.
  const claimed = await claimDueDeliveries(options.db, {
    token,
    leaseMs: options.leaseMs ?? 60_000,
    batchSize: options.batchSize ?? 100,
    perEndpoint: options.perEndpoint ?? ENDPOINT_CONCURRENCY,
  });
  if (claimed.length === 0) return { delivered: 0, retrying: 0, failed: 0 };
  const attempts: Attempt[] = [];
  await forEachAtMost(claimed, options.concurrency ?? 20, async (delivery) => {
    const attemptedAt = clock();
    const timestamp = Math.floor(attemptedAt.getTime() / 1000);
    const headers = webhookHeaders(
      secretsOf(delivery, attemptedAt),
      delivery.id,
      timestamp,
      delivery.body,
    );
    attempts.push({
      delivery,
      attemptedAt,
      outcome: await postWebhook(options.agents, delivery.url, delivery.body, headers),
    });
  });
  const now = clock();
  const report = await recordAttempts(options.db, token, attempts, now);
  await disableFailingEndpoints(
    options.db,
    attempts.map((a) => ({
      endpointId: a.delivery.endpointId,
      ok: succeeded(a),
      at: a.attemptedAt,
    })),
    now,
  );
  logger.info({ webhooks: report }, "webhook batch delivered");
  return report;
}

export type WebhookWorker = PollingLoop;

/** Polls for due deliveries until stopped; survives the database going away. */
export function startWebhookWorker(
  options: WebhookWorkerOptions & { pollMs: number },
): WebhookWorker {
  return startPollingLoop({
    // Any delivery claimed: look again at once. A batch is often smaller than batchSize while more
    // is due (each endpoint gets at most its share of ENDPOINT_CONCURRENCY per claim).
    pass: async () => {
      const report = await deliverDueWebhooks(options);
      return report.delivered + report.retrying + report.failed > 0;
    },
    intervalMs: options.pollMs,
    retryMs: afterFailureMs(options.pollMs),
    failureMessage: "webhook worker could not reach the database; retrying",
  });
}

/**
 * The worker as the webhooks job runs it (lib/jobs/jobs.ts), polling every `pollMs`: local
 * receivers only in demo mode and tests.
 */
export function startWebhookWorkerFromEnv(db: PrismaClient, e: Env, pollMs: number): WebhookWorker {
  return startWebhookWorker({
    db,
    agents: webhookAgents(localTargetsAllowed()),
    pollMs,
    leaseMs: e.OUTBOX_LEASE_MS,
  });
}
