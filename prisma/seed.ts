import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import {
  demoAccounts,
  demoExtraUsers,
  demoMemberships,
  demoRequests,
  demoUsers,
  demoVirtualAccounts,
} from "@/lib/demo/demo-data";
import { DEMO_REQUEST_TTL_DAYS } from "@/lib/demo/demo-history";
import { seedDemoHistory } from "@/lib/demo/seed-history";

const DAY = 24 * 60 * 60 * 1000;

/**
 * Idempotent demo data: rows are keyed by stable ids and never overwritten, so running it again
 * (or after people have used the demo) adds only what is missing.
 */
export async function seedDemoData(db: PrismaClient, now = new Date()): Promise<void> {
  // A generous timeout: on a busy machine the demo data takes longer than Prisma's default 5 s.
  await db.$transaction(
    async (tx) => {
      for (const { role, ...user } of demoUsers) {
        void role; // the catalog key of the demo description, not a column
        await tx.user.upsert({
          where: { email: user.email },
          create: { ...user, emailVerified: now },
          update: {},
        });
      }
      for (const user of demoExtraUsers) {
        await tx.user.upsert({
          where: { email: user.email },
          create: { ...user, emailVerified: now },
          update: {},
        });
      }
      for (const { domains, ...account } of demoAccounts) {
        await tx.account.upsert({ where: { id: account.id }, create: account, update: {} });
        await tx.accountDomain.createMany({
          data: domains.map((domain) => ({ accountId: account.id, domain })),
          skipDuplicates: true,
        });
      }
      // Each account's DEFAULT is made with it (a trigger); the rest of the trees, parents first
      // (one statement: each row's trigger sees the rows before it), skipping what exists.
      await tx.virtualAccount.createMany({
        data: demoVirtualAccounts.map((virtualAccount) => ({
          ...virtualAccount,
          parentId: virtualAccount.parentId ?? null,
        })),
        skipDuplicates: true,
      });
      for (const { daysAgo, ...request } of demoRequests) {
        const createdAt = new Date(now.getTime() - daysAgo * DAY);
        const decided = request.status !== "PENDING" && request.status !== "EXPIRED";
        const decidedAt = decided ? new Date(createdAt.getTime() + DAY) : null;
        const existing = await tx.accessRequest.findUnique({
          where: { id: request.id },
          select: { id: true },
        });
        if (existing) continue;
        await tx.accessRequest.create({
          data: {
            ...request,
            createdAt,
            expiresAt: new Date(createdAt.getTime() + DEMO_REQUEST_TTL_DAYS * DAY),
            decidedAt,
          },
        });
        // A history to look at in the support console: what the real flow would have recorded.
        await tx.auditEvent.create({
          data: {
            actorId: request.requesterId,
            action: "request.submitted",
            subjectType: "AccessRequest",
            subjectId: request.id,
            after: {
              status: "PENDING",
              accountId: request.accountId,
              domain: request.domain,
              reason: request.reason,
            },
            createdAt,
          },
        });
        const requester = [...demoUsers, ...demoExtraUsers].find(
          (user) => user.id === request.requesterId,
        )!;
        const admins = demoMemberships.filter(
          (m) => m.accountId === request.accountId && m.role === "ADMIN" && m.active,
        );
        for (const admin of admins) {
          const user = demoUsers.find((u) => u.id === admin.userId);
          if (!user) continue;
          await tx.emailMessage.create({
            data: {
              to: user.email,
              template: "request-to-admins",
              locale: user.locale,
              requestId: request.id,
              // One delivery failure, so that support can see what one looks like.
              ...(request.id === "demo-request-pending-2"
                ? {
                    status: "FAILED" as const,
                    attempts: 8,
                    lastError: "550 5.1.1 <alice.admin@example.com>: mailbox unavailable",
                  }
                : // No SMTP server in the demo: held, never recorded as sent.
                  { status: "HELD" as const }),
              createdAt,
              nextAttemptAt: createdAt,
              payload: {
                requesterName: `${requester.firstName} ${requester.lastName ?? ""}`.trim(),
                requesterEmail: requester.email,
                company: requester.company ?? "",
                accountName:
                  demoAccounts.find((account) => account.id === request.accountId)?.name ?? "",
                domain: request.domain,
                reason: request.reason,
                url: `http://localhost:3000/admin/requests/${request.id}`,
                reminder: false,
              },
            },
          });
        }
        await seedSupportStory(tx, request.id, createdAt);
        if (request.status !== "PENDING") {
          const action = {
            APPROVED: "request.approved",
            DENIED: "request.denied",
            WITHDRAWN: "request.withdrawn",
            EXPIRED: "request.expired",
          }[request.status];
          await tx.auditEvent.create({
            data: {
              actorId:
                request.status === "WITHDRAWN"
                  ? request.requesterId
                  : (request.decidedById ?? null),
              action,
              subjectType: "AccessRequest",
              subjectId: request.id,
              before: { status: "PENDING" },
              after: {
                status: request.status,
                ...(request.grantedRole ? { grantedRole: request.grantedRole } : {}),
              },
              createdAt: decidedAt ?? new Date(createdAt.getTime() + DEMO_REQUEST_TTL_DAYS * DAY),
            },
          });
        }
      }
      await seedMemberships(tx, now);
      // Months of requests for the insights page, in a few statements.
      await seedDemoHistory(tx, now);
    },
    { timeout: 60_000 },
  );
}

/** Memberships after the requests that granted them, each with its history, once. */
async function seedMemberships(tx: Prisma.TransactionClient, now: Date): Promise<void> {
  for (const { grantedBy, endsInDays, grants, ...membership } of demoMemberships) {
    const key = {
      userId_accountId: { userId: membership.userId, accountId: membership.accountId },
    };
    if (await tx.membership.findUnique({ where: key, select: { id: true } })) continue;
    const grantedAt = new Date(now.getTime() - (grantedBy?.daysAgo ?? 60) * DAY);
    const endsAt = endsInDays === undefined ? null : new Date(now.getTime() + endsInDays * DAY);
    const ended = !membership.active && endsAt !== null && endsAt <= now;
    const created = await tx.membership.create({
      data: {
        ...membership,
        grantedAt,
        createdAt: grantedAt,
        grantedByRequestId: grantedBy?.requestId ?? null,
        endsAt,
        endedAt: ended ? endsAt : membership.active ? null : grantedAt,
        endCause: ended ? "EXPIRED" : null,
        ...(grants
          ? {
              scope: "VIRTUAL_ACCOUNTS" as const,
              grants: {
                create: grants.map((grant) => ({
                  virtualAccountId: grant.virtualAccountId,
                  role: grant.role,
                  includeSubAccounts: grant.includeSubAccounts ?? false,
                })),
              },
            }
          : {}),
      },
      select: { id: true },
    });
    if (!grantedBy) continue;
    const request = demoRequests.find((candidate) => candidate.id === grantedBy.requestId)!;
    await tx.auditEvent.create({
      data: {
        actorId: request.decidedById ?? null,
        action: "membership.granted",
        subjectType: "Membership",
        subjectId: created.id,
        createdAt: grantedAt,
        after: {
          role: membership.role,
          active: true,
          endsAt: endsAt?.toISOString() ?? null,
          requestId: request.id,
          accountId: membership.accountId,
          userId: membership.userId,
        },
      },
    });
    if (ended) {
      await tx.auditEvent.create({
        data: {
          action: "membership.expired",
          subjectType: "Membership",
          subjectId: created.id,
          createdAt: endsAt!,
          before: { active: true, role: membership.role, endsAt: endsAt!.toISOString() },
          after: {
            active: false,
            endCause: "EXPIRED",
            accountId: membership.accountId,
            userId: membership.userId,
          },
        },
      });
    }
  }
}

/** The Initech request was escalated (no active admin) and Rachel opened a support case on hers. */
async function seedSupportStory(
  tx: Prisma.TransactionClient,
  requestId: string,
  createdAt: Date,
): Promise<void> {
  const support = demoUsers.find((user) => user.platformRole === "SUPPORT")!;
  if (requestId === "demo-request-pending-4") {
    await tx.accessRequest.update({ where: { id: requestId }, data: { escalatedAt: createdAt } });
    await tx.auditEvent.create({
      data: {
        action: "request.escalated",
        subjectType: "AccessRequest",
        subjectId: requestId,
        after: { cause: "noActiveAdmin" },
        createdAt,
      },
    });
    await tx.emailMessage.create({
      data: {
        to: support.email,
        template: "request-escalated",
        locale: support.locale,
        requestId,
        // No SMTP server in the demo: held, never recorded as sent.
        status: "HELD",
        createdAt,
        nextAttemptAt: createdAt,
        payload: {
          requesterName: "Éric Moreau",
          requesterEmail: "eric.moreau@example.com",
          accountName: "Initech",
          domain: "initech.com",
          url: `http://localhost:3000/support/requests/${requestId}`,
          cause: "noActiveAdmin",
          days: 0,
        },
      },
    });
  }
  if (requestId === "demo-request-pending-5") {
    const openedAt = new Date(createdAt.getTime() + 3 * DAY);
    const supportCase = await tx.supportCase.create({
      data: {
        requestId,
        openedById: "demo-user-requester",
        message: "Nobody at Globex has answered my request. Can you help?",
        createdAt: openedAt,
      },
    });
    await tx.supportCaseNote.create({
      data: {
        caseId: supportCase.id,
        authorId: support.id,
        body: "Emailed the Globex administrator; waiting for an answer.",
        createdAt: new Date(openedAt.getTime() + 3600_000),
      },
    });
    await tx.auditEvent.create({
      data: {
        actorId: "demo-user-requester",
        action: "request.supportCaseOpened",
        subjectType: "AccessRequest",
        subjectId: requestId,
        after: { supportCaseId: supportCase.id, message: supportCase.message },
        createdAt: openedAt,
      },
    });
  }
}
