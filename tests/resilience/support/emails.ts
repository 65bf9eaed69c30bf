import type { Prisma } from "@/lib/generated/prisma/client";
import { eventually, MAIL_DOMAIN, type Cluster } from "./cluster";

export interface Deliveries {
  /** Outbox rows: emails the committed changes queued. */
  expected: number;
  /** Of those, how many reached the relay (at least once). */
  delivered: number;
  /** Copies beyond the first, in all. */
  duplicated: number;
  failed: number;
}

/**
 * Waits until the outbox has nothing left to send (of the rows `where` selects), then compares its
 * rows with what the SMTP relay received, by Message-ID (the worker makes it from the row's id).
 */
export async function deliveries(
  cluster: Cluster,
  where: Prisma.EmailMessageWhereInput = {},
  timeoutMs = 60_000,
): Promise<Deliveries> {
  try {
    await eventually(
      "the outbox is drained",
      async () =>
        (await cluster.db.emailMessage.count({ where: { ...where, status: "QUEUED" } })) === 0,
      timeoutMs,
    );
  } catch (error) {
    throw new Error(`${String(error)}\n${await outboxSummary(cluster, where)}`);
  }
  const rows = await cluster.db.emailMessage.findMany({
    where,
    select: { id: true, status: true },
  });
  const copies = cluster.smtp.copiesById();
  const counts = rows.map((row) => copies.get(`<${row.id}@${MAIL_DOMAIN}>`) ?? 0);
  return {
    expected: rows.length,
    delivered: counts.filter((count) => count > 0).length,
    duplicated: counts.reduce((sum, count) => sum + Math.max(0, count - 1), 0),
    failed: rows.filter((row) => row.status === "FAILED").length,
  };
}

/** What is left in the outbox and why, and what the servers said last: for a scenario that failed. */
async function outboxSummary(
  cluster: Cluster,
  where: Prisma.EmailMessageWhereInput,
): Promise<string> {
  const groups = await cluster.db.emailMessage.groupBy({
    by: ["status", "attempts"],
    where,
    _count: true,
    _min: { nextAttemptAt: true },
    _max: { nextAttemptAt: true },
  });
  const errors = await cluster.db.emailMessage.findMany({
    where: { ...where, lastError: { not: null } },
    select: { lastError: true },
    distinct: ["lastError"],
    take: 5,
  });
  const lines = [
    `outbox now (${new Date().toISOString()}): ${JSON.stringify(groups)}`,
    `errors: ${JSON.stringify(errors.map((row) => row.lastError))}`,
    ...cluster.servers.map(
      (server) => `${server.name}:\n${server.output().split("\n").slice(-15).join("\n")}`,
    ),
  ];
  return lines.join("\n");
}
