import { closeDatabase, db } from "@/lib/db/client";
import { EnvError, demoMode, env } from "@/lib/env";
import { logger } from "@/lib/log";
import { startOutboxWorkerFromEnv, type OutboxWorker } from "@/lib/mail/worker";
import { startRequestSweeper, type RequestSweeper } from "@/lib/requests/sweep";
import { startIdleCollection } from "@/lib/runtime/idle-collection";
import { startWebhookWorkerFromEnv, type WebhookWorker } from "@/lib/webhooks/worker";

const globalForBoot = globalThis as unknown as {
  portalWorker?: OutboxWorker;
  portalSweeper?: RequestSweeper;
  portalWebhooks?: WebhookWorker;
};

/**
 * Runs once when the server process starts (instrumentation.ts): validates env — in production,
 * a demo convenience left on stops the server here, with a message naming each variable — then
 * starts the worker (the email outbox, webhook deliveries, and the expiry and escalation of access
 * requests).
 */
export function bootServer(): void {
  let e;
  try {
    e = env();
  } catch (error) {
    if (error instanceof EnvError) {
      // The message names each bad variable; nothing else is worth printing.
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  if (demoMode(e))
    logger.warn(
      "demo mode: /dev/mailbox shows every email and sign-in link to anyone; never for real users",
    );
  if (!e.SMTP_URL) logger.warn("no SMTP_URL: emails are held (status HELD), never sent");
  if (e.OUTBOX_WORKER === "on" && !globalForBoot.portalWorker) {
    globalForBoot.portalWorker = startOutboxWorkerFromEnv(db, e);
    logger.info({ smtp: Boolean(e.SMTP_URL) }, "outbox worker started");
    // Expiry and escalation of access requests: claims make several instances safe together.
    globalForBoot.portalSweeper = startRequestSweeper({ db });
    globalForBoot.portalWebhooks = startWebhookWorkerFromEnv(db, e);
  }
  // A server that served a burst gives its memory back once it is quiet.
  startIdleCollection();
  process.on("unhandledRejection", (reason) =>
    logger.error({ err: reason }, "unhandled rejection"),
  );
  // npm start sets NEXT_MANUAL_SIG_HANDLE so that this runs to the end before the process exits.
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, async () => {
      await globalForBoot.portalWorker?.stop();
      await globalForBoot.portalSweeper?.stop();
      await globalForBoot.portalWebhooks?.stop();
      await closeDatabase().catch(() => undefined);
      process.exit(0);
    });
  }
}
