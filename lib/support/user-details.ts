import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { personSelect } from "@/lib/people";
import { profileSelect } from "@/lib/profile/profile-select";
import { assertSupportStaff } from "./access";

/** The user page lists this many requests, newest first; the search has the rest. */
export const USER_REQUESTS_LIMIT = 100;

/** A user's profile as support sees it (components/support/profile-details.tsx), with their id. */
export const supportProfileSelect = {
  ...personSelect,
  ...profileSelect,
  locale: true,
  platformRole: true,
  disabledAt: true,
  createdAt: true,
} as const;

/**
 * A user as support sees them: profile, requests and support cases; support staff only. The view is
 * recorded ("user.viewed"). Null when there is no such user. Their memberships, as they stand now
 * (an end date that passed has ended them), are membershipsAsSupport's
 * (lib/memberships/support-history.ts).
 */
export async function viewUserAsSupport(viewer: Pick<Actor, "id">, userId: string) {
  await assertSupportStaff(viewer);
  const exists = await db.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!exists) return null;
  await recordAudit(db, {
    actorId: viewer.id,
    action: "user.viewed",
    subjectType: "User",
    subjectId: userId,
  });
  const [user, requests, supportCases] = await Promise.all([
    db.user.findUnique({ where: { id: userId }, select: supportProfileSelect }),
    db.accessRequest.findMany({
      where: { requesterId: userId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: USER_REQUESTS_LIMIT + 1,
      select: {
        id: true,
        createdAt: true,
        status: true,
        domain: true,
        escalatedAt: true,
        account: { select: { name: true } },
      },
    }),
    db.supportCase.findMany({
      where: { openedById: userId },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      select: {
        id: true,
        status: true,
        createdAt: true,
        message: true,
        request: { select: { id: true, account: { select: { name: true } } } },
      },
    }),
  ]);
  if (!user) return null;
  return {
    user,
    requests: requests.slice(0, USER_REQUESTS_LIMIT),
    moreRequests: requests.length > USER_REQUESTS_LIMIT,
    supportCases,
  };
}
