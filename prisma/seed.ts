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
      const decidedAt = decided ? new Date(createdAt.getTime() + DAY) : null;
      const existing = await tx.accessRequest.findUnique({ where: { id: request.id }, select: { id: true } });
      if (existing) continue;
      await tx.accessRequest.create({
        data: { ...request, createdAt, expiresAt: new Date(createdAt.getTime() + 30 * DAY), decidedAt },
      });
      // A history to look at in the support console: what the real flow would have recorded.
      await tx.auditEvent.create({
        data: {
          actorId: request.requesterId,
          action: "request.submitted",
          subjectType: "AccessRequest",
          subjectId: request.id,
          after: { status: "PENDING", accountId: request.accountId, domain: request.domain, reason: request.reason },
          createdAt,
        },
      });
      const requester = [...demoUsers, ...demoExtraUsers].find((user) => user.id === request.requesterId)!;
      const admins = demoMemberships.filter((m) => m.accountId === request.accountId && m.role === "ADMIN" && m.active);
      for (const admin of admins) {
        const user = demoUsers.find((u) => u.id === admin.userId);
        if (!user) continue;
        await tx.emailMessage.create({
          data: {
            to: user.email,
            template: "request-to-admins",
            locale: user.locale,
            requestId: request.id,
            status: "SENT",
            attempts: 1,
            createdAt,
            nextAttemptAt: createdAt,
            sentAt: createdAt,
            payload: {
              requesterName: `${requester.firstName} ${requester.lastName ?? ""}`.trim(),
              requesterEmail: requester.email,
              company: requester.company ?? "",
              accountName: demoAccounts.find((account) => account.id === request.accountId)?.name ?? "",
              domain: request.domain,
              reason: request.reason,
              url: `http://localhost:3000/admin/requests/${request.id}`,
              reminder: false,
            },
          },
        });
      }
      if (request.status !== "PENDING") {
        const action = { APPROVED: "request.approved", DENIED: "request.denied", WITHDRAWN: "request.withdrawn", EXPIRED: "request.expired" }[request.status];
        await tx.auditEvent.create({
          data: {
            actorId: request.status === "WITHDRAWN" ? request.requesterId : (request.decidedById ?? null),
            action,
            subjectType: "AccessRequest",
            subjectId: request.id,
            before: { status: "PENDING" },
            after: { status: request.status, ...(request.grantedRole ? { grantedRole: request.grantedRole } : {}) },
            createdAt: decidedAt ?? new Date(createdAt.getTime() + 30 * DAY),
          },
        });
      }
    }
  });
}
