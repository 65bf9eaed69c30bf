/**
 * F9's process (bench/f9-members-import.ts): the app's own import (lib/members-import) against the
 * bench database, as the dialog runs it: a preview, then the confirmation. Prints one JSON line
 * with the two durations and what the outbox holds afterwards.
 */
import { db } from "@/lib/db/client";
import { commitImport } from "@/lib/members-import/commit";
import { previewImport } from "@/lib/members-import/preview";

const { accountId, adminId, csv } = JSON.parse(process.env.BENCH_F9_INPUT!) as {
  accountId: string;
  adminId: string;
  csv: string;
};
const admin = await db.user.findUniqueOrThrow({
  where: { id: adminId },
  select: { id: true, email: true, platformRole: true, locale: true },
});
const source = { format: "csv" as const, file: Buffer.from(csv).toString("base64") };

// This machine's statement round trip now (a busy machine makes everything below slower): 200
// trivial statements in one transaction, as the import's are.
let started = performance.now();
await db.$transaction(async (tx) => {
  for (let n = 0; n < 200; n += 1) await tx.user.findFirst({ select: { id: true } });
});
const roundTripMs = (performance.now() - started) / 200;

started = performance.now();
const plan = await previewImport.execute(admin, { accountId, source });
const previewMs = performance.now() - started;

started = performance.now();
const result = await commitImport.execute(admin, { accountId, source, key: plan.key });
const commitMs = performance.now() - started;

const queued = await db.emailMessage.count({ where: { template: "member-added" } });
process.stdout.write(
  `${JSON.stringify({ roundTripMs, previewMs, commitMs, planned: plan.counts, result: result.counts, queued })}\n`,
);
await db.$disconnect();
