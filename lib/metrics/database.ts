import { Gauge, type Registry } from "prom-client";
import { poolUse } from "@/lib/db/client";
import { readDatabaseFigures, type DatabaseFigures } from "@/lib/db/sql/metrics";
import { cachedFor } from "@/lib/health";

/** How long one read of the database's figures answers every scrape of this process. */
export const FIGURES_CACHE_MS = 5_000;
/** The window of the "last hour" outcome gauges. */
const WINDOW_MS = 60 * 60_000;

const EMAIL_STATUSES = ["QUEUED", "SENT", "FAILED", "HELD"] as const;
const WEBHOOK_STATUSES = ["QUEUED", "DELIVERED", "FAILED", "CANCELLED"] as const;

/**
 * The gauges read at scrape time: the database's figures (one statement, lib/db/sql/metrics.ts,
 * at most once every FIGURES_CACHE_MS whatever the number of scrapes, so a scrape storm cannot
 * load the database) and this process's pool. Without the database, `portal_database_up` is 0 and
 * the database's gauges are left out of the answer rather than failing it.
 */
export function registerDatabaseGauges(registry: Registry): void {
  const read = cachedFor(FIGURES_CACHE_MS, () =>
    readDatabaseFigures(new Date(Date.now() - WINDOW_MS)),
  );
  const current = async (): Promise<DatabaseFigures | undefined> => {
    try {
      return await read();
    } catch {
      return undefined;
    }
  };
  const ageSeconds = (oldest: Date | null) =>
    oldest ? Math.max(0, (Date.now() - oldest.getTime()) / 1000) : 0;
  const registers = [registry];
  const figureGauge = <Label extends string>(
    name: string,
    help: string,
    labelNames: Label[],
    set: (gauge: Gauge<Label>, figures: DatabaseFigures) => void,
  ) =>
    new Gauge<Label>({
      name,
      help,
      labelNames,
      registers,
      async collect() {
        this.reset();
        const figures = await current();
        if (figures) set(this, figures);
      },
    });

  new Gauge({
    name: "portal_database_up",
    help: "1 when this process could read the database's figures at its last scrape, 0 otherwise",
    registers,
    async collect() {
      this.set((await current()) ? 1 : 0);
    },
  });
  figureGauge(
    "portal_outbox_emails",
    "Emails waiting to be sent (queued) or given up on after OUTBOX_MAX_ATTEMPTS (failed), database-wide",
    ["status"],
    (gauge, f) => {
      gauge.set({ status: "queued" }, Number(f.emailsQueued));
      gauge.set({ status: "failed" }, Number(f.emailsFailed));
    },
  );
  figureGauge(
    "portal_outbox_oldest_queued_age_seconds",
    "Age of the oldest email not sent yet (0 when none waits), database-wide",
    [],
    (gauge, f) => gauge.set(ageSeconds(f.oldestQueuedEmail)),
  );
  figureGauge(
    "portal_webhook_deliveries_queued",
    "Webhook deliveries waiting to be posted, database-wide",
    [],
    (gauge, f) => gauge.set(Number(f.webhooksQueued)),
  );
  figureGauge(
    "portal_webhook_oldest_queued_age_seconds",
    "Age of the oldest webhook delivery not delivered yet (0 when none waits), database-wide",
    [],
    (gauge, f) => gauge.set(ageSeconds(f.oldestQueuedWebhook)),
  );
  figureGauge(
    "portal_emails_last_hour",
    "Emails queued in the last hour, by their status now (queued, sent, failed, held), database-wide",
    ["status"],
    (gauge, f) => {
      for (const status of EMAIL_STATUSES)
        gauge.set({ status: status.toLowerCase() }, f.emailsSince?.[status] ?? 0);
    },
  );
  figureGauge(
    "portal_webhook_deliveries_last_hour",
    "Webhook deliveries made in the last hour, by their status now (queued, delivered, failed, cancelled), database-wide",
    ["status"],
    (gauge, f) => {
      for (const status of WEBHOOK_STATUSES)
        gauge.set({ status: status.toLowerCase() }, f.webhooksSince?.[status] ?? 0);
    },
  );
  new Gauge({
    name: "portal_db_pool_connections",
    help: "This process's database pool (10 connections at most): open and idle connections, and callers waiting for one",
    labelNames: ["state"],
    registers,
    collect() {
      const use = poolUse();
      this.set({ state: "open" }, use.total);
      this.set({ state: "idle" }, use.idle);
      this.set({ state: "waiting" }, use.waiting);
    },
  });
}
