/**
 * F4's worker, a process of its own like `npm run worker`: the app's outbox worker
 * (lib/mail/worker.ts) with the app's mail transport (lib/mail/transport.ts, from SMTP_URL), a
 * larger batch and a fast poll. Says "ready" once connected and warmed up (so that the drain is
 * timed, not the start of a process), and runs until its parent stops it with SIGTERM.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { renderEmail } from "@/lib/mail/render";
import { createMailTransport, DEFAULT_SMTP_CONNECTIONS } from "@/lib/mail/transport";
import { startOutboxWorker } from "@/lib/mail/worker";

const db = new PrismaClient({
  adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL!, max: 10 }),
});
// As the app: OUTBOX_SEND_CONCURRENCY emails at once over as many pooled SMTP connections.
const concurrency = Number(process.env.OUTBOX_SEND_CONCURRENCY ?? DEFAULT_SMTP_CONNECTIONS);
const transport = createMailTransport(process.env.SMTP_URL!, concurrency);
await db.$queryRaw`SELECT 1`;
await renderEmail("sign-in", "en", { url: "http://localhost/warm-up", minutes: 15 });
const worker = startOutboxWorker({
  db,
  transport,
  from: "Smart Account Access <no-reply@localhost>",
  maxAttempts: 8,
  concurrency,
  batchSize: Number(process.env.BENCH_OUTBOX_BATCH ?? 200),
  pollMs: 20,
});
process.stdout.write("ready\n");

process.once("SIGTERM", async () => {
  await worker.stop();
  transport.close();
  await db.$disconnect();
  process.exit(0);
});
