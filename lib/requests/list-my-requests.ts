import { db } from "@/lib/db/client";
import { membershipAsOf } from "@/lib/memberships/summary";
import { grantedScopeOfRow } from "./granted-scope";
import { nextReminderAt } from "./send-reminder";
import { pageNumber } from "@/lib/pagination/page-number";

export const MY_REQUESTS_PAGE_SIZE = 20;

/** The requester's own requests, newest first, a page at a time. */
export async function listMyRequests(requesterId: string, page: number) {
  const safePage = pageNumber(page);
  const [total, rows] = await Promise.all([
    db.accessRequest.count({ where: { requesterId } }),
    db.accessRequest.findMany({
      where: { requesterId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (safePage - 1) * MY_REQUESTS_PAGE_SIZE,
      take: MY_REQUESTS_PAGE_SIZE,
      select: {
        id: true,
        domain: true,
        reason: true,
        status: true,
        createdAt: true,
        expiresAt: true,
        decidedAt: true,
        grantedRole: true,
        grantedScope: true,
        decisionNote: true,
        lastRemindedAt: true,
        reminderCount: true,
        escalatedAt: true,
        account: { select: { name: true } },
        decidedBy: { select: { firstName: true, lastName: true, email: true } },
        // The access an approval gave, while it is still the one this request granted: its end date.
        grantedMembership: {
          select: { active: true, endsAt: true, endedAt: true, endCause: true },
        },
      },
    }),
  ]);
  // Counted apart for the page's few requests: Prisma's `_count` joins an aggregate of every
  // support case instead (a sequential scan of SupportCase).
  const caseCounts = rows.length
    ? await db.supportCase.groupBy({
        by: ["requestId"],
        where: { requestId: { in: rows.map((row) => row.id) } },
        _count: { _all: true },
      })
    : [];
  const supportCases = new Map(caseCounts.map((group) => [group.requestId, group._count._all]));
  const now = new Date();
  return {
    page: safePage,
    pageCount: Math.max(1, Math.ceil(total / MY_REQUESTS_PAGE_SIZE)),
    total,
    requests: rows.map(({ grantedScope, ...row }) => ({
      ...row,
      // What the approval granted, as it was then (the membership may have changed since).
      granted: grantedScopeOfRow({ grantedScope, grantedRole: row.grantedRole }),
      // As it stands now: an end date that passed ended the access, swept or not.
      grantedMembership: row.grantedMembership && membershipAsOf(row.grantedMembership, now),
      supportCases: supportCases.get(row.id) ?? 0,
      nextReminderAt: row.status === "PENDING" ? nextReminderAt(row) : null,
    })),
  };
}
