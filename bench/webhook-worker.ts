/**
 * F7's worker, a process of its own like `npm run worker`: the app's webhook worker
 * (lib/webhooks/worker.ts) with its outbound client, local receivers allowed (the bench's receiver
 * is on loopback, as in demo mode), a fast poll. Says "ready" once connected, runs until SIGTERM.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { webhookAgents } from "@/lib/webhooks/http-client";
import { startWebhookWorker } from "@/lib/webhooks/worker";

const db = new PrismaClient({
  adapter: new PrismaPg({ connectionString: process.env.DATABASE_URL!, max: 10 }),
});
await db.$queryRaw`SELECT 1`;
const worker = startWebhookWorker({
  db,
  agents: webhookAgents(true),
  batchSize: Number(process.env.BENCH_WEBHOOK_BATCH ?? 200),
  concurrency: 50,
  pollMs: 20,
});
process.stdout.write("ready\n");

process.once("SIGTERM", async () => {
  await worker.stop();
  await db.$disconnect();
  process.exit(0);
});
