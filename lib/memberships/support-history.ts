import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { personSelect } from "@/lib/people";
import { assertSupportStaff } from "@/lib/support/access";
import { accessViewsOf } from "@/lib/virtual-accounts/grants";
import { membershipAsOf } from "./summary";

/**
 * A user's memberships (or only the one of an account), current and ended, each with its scope
 * (the whole account with a role, or its virtual accounts with theirs) and its history
 * (every audit event about it, oldest first): for the support console, read-only; support staff only.
 * One whose end date passed shows as ended, swept or not (membershipAsOf).
 */
export async function membershipsAsSupport(
  viewer: Pick<Actor, "id">,
  of: { userId: string; accountId?: string },
) {
  await assertSupportStaff(viewer);
  const memberships = await db.membership.findMany({
    where: { userId: of.userId, ...(of.accountId ? { accountId: of.accountId } : {}) },
    orderBy: [{ account: { name: "asc" } }, { id: "asc" }],
    select: {
      id: true,
      role: true,
      scope: true,
      active: true,
      grantedAt: true,
      endsAt: true,
      endedAt: true,
      endCause: true,
      account: { select: { id: true, name: true, status: true } },
      grantedByRequest: { select: { id: true, createdAt: true } },
    },
  });
  const events = memberships.length
    ? await db.auditEvent.findMany({
        where: {
          subjectType: "Membership",
          subjectId: { in: memberships.map((membership) => membership.id) },
        },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          subjectId: true,
          action: true,
          before: true,
          after: true,
          createdAt: true,
          actor: { select: personSelect },
        },
      })
    : [];
  // Its scope with the virtual accounts' names (issue 27): the whole account, or each grant.
  const access = await accessViewsOf(db, memberships);
  const now = new Date();
  return memberships.map((membership) => ({
    ...membershipAsOf(membership, now),
    access: access.get(membership.id)!,
    history: events
      .filter((event) => event.subjectId === membership.id)
      .map((event) => ({ ...event, id: event.id.toString() })),
  }));
}

export type MembershipForSupport = Awaited<ReturnType<typeof membershipsAsSupport>>[number];
