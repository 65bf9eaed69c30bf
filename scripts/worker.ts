/**
 * npm run worker: delivers the email outbox and webhooks, and expires and escalates access requests, on its own,
 * beside one or more app servers (each app server also runs both unless OUTBOX_WORKER=off; claims
 * make them safe together).
 */
import { closeDatabase, db } from "@/lib/db/client";
import { EnvError, env } from "@/lib/env";
import { logger } from "@/lib/log";
import { startOutboxWorkerFromEnv } from "@/lib/mail/worker";
import { startRequestSweeper } from "@/lib/requests/sweep";
import { startWebhookWorkerFromEnv } from "@/lib/webhooks/worker";

try {
  const e = env();
  const worker = startOutboxWorkerFromEnv(db, e);
  const sweeper = startRequestSweeper({ db });
  const webhooks = startWebhookWorkerFromEnv(db, e);
  logger.info("outbox worker, webhook worker and access request sweep running");
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, async () => {
      await worker.stop();
      await sweeper.stop();
      await webhooks.stop();
      await closeDatabase();
      process.exit(0);
    });
  }
} catch (error) {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
}
