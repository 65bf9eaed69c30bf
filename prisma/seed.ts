import type { PrismaClient } from "@/lib/generated/prisma/client";
import { demoAccounts, demoExtraUsers, demoMemberships, demoRequests, demoUsers } from "@/lib/demo/demo-data";

const DAY = 24 * 60 * 60 * 1000;

/**
 * Idempotent demo data: rows are keyed by stable ids and never overwritten, so running it again
 * (or after people have used the demo) adds only what is missing.
 */
export async function seedDemoData(db: PrismaClient, now = new Date()): Promise<void> {
  await db.$transaction(async (tx) => {
    for (const { role, ...user } of demoUsers) {
      void role; // the catalog key of the demo description, not a column
      await tx.user.upsert({ where: { email: user.email }, create: { ...user, emailVerified: now }, update: {} });
    }
    for (const user of demoExtraUsers) {
      await tx.user.upsert({ where: { email: user.email }, create: { ...user, emailVerified: now }, update: {} });
    }
    for (const { domains, ...account } of demoAccounts) {
      await tx.account.upsert({ where: { id: account.id }, create: account, update: {} });
      await tx.accountDomain.createMany({
        data: domains.map((domain) => ({ accountId: account.id, domain })),
        skipDuplicates: true,
      });
    }
    await tx.membership.createMany({ data: demoMemberships, skipDuplicates: true });
    for (const { daysAgo, ...request } of demoRequests) {
      const createdAt = new Date(now.getTime() - daysAgo * DAY);
      const decided = request.status !== "PENDING" && request.status !== "EXPIRED";
      await tx.accessRequest.upsert({
        where: { id: request.id },
        update: {},
        create: {
          ...request,
          createdAt,
          expiresAt: new Date(createdAt.getTime() + 30 * DAY),
          decidedAt: decided ? new Date(createdAt.getTime() + DAY) : null,
        },
      });
    }
  });
}
