import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { isActiveAdministrator } from "@/lib/memberships/active-admin";
import { personSelect } from "@/lib/people";
import { assertSupportStaff } from "./access";
import { requestTimeline } from "./timeline";
import { supportProfileSelect } from "./user-details";

async function loadRequest(requestId: string) {
  return db.accessRequest.findUnique({
    where: { id: requestId },
    select: {
      id: true,
      domain: true,
      reason: true,
      status: true,
      grantedRole: true,
      grantedScope: true,
      decisionNote: true,
      createdAt: true,
      updatedAt: true,
      decidedAt: true,
      expiresAt: true,
      escalatedAt: true,
      lastRemindedAt: true,
      reminderCount: true,
      requester: {
        select: supportProfileSelect,
      },
      decidedBy: { select: personSelect },
      account: {
        select: {
          id: true,
          name: true,
          status: true,
          domains: { select: { domain: true }, orderBy: { domain: "asc" } },
          memberships: {
            where: { role: "ADMIN" },
            orderBy: { user: { email: "asc" } },
            select: {
              role: true,
              scope: true,
              active: true,
              endsAt: true,
              user: { select: { ...personSelect, disabledAt: true } },
            },
          },
        },
      },
      supportCases: {
        orderBy: { createdAt: "desc" },
        select: {
          id: true,
          message: true,
          status: true,
          createdAt: true,
          closedAt: true,
          openedBy: { select: personSelect },
          _count: { select: { notes: true } },
        },
      },
    },
  });
}

/**
 * A request as support sees it, with its timeline; support staff only. Looking is recorded first
 * ("request.viewed", who looked, when), so the view is in the timeline it shows. Null when there
 * is no such request.
 */
export async function viewRequestAsSupport(viewer: Pick<Actor, "id">, requestId: string) {
  await assertSupportStaff(viewer);
  const exists = await db.accessRequest.findUnique({
    where: { id: requestId },
    select: { id: true },
  });
  if (!exists) return null;
  await recordAudit(db, {
    actorId: viewer.id,
    action: "request.viewed",
    subjectType: "AccessRequest",
    subjectId: requestId,
  });
  const request = await loadRequest(requestId);
  if (!request) return null;
  const timeline = await requestTimeline(
    viewer,
    request.id,
    request.supportCases.map((supportCase) => supportCase.id),
  );
  const admins = request.account.memberships.map((membership) => ({
    ...membership.user,
    /** Can act on the request: an active administrator (lib/memberships/active-admin.ts). */
    active: isActiveAdministrator(membership, membership.user),
  }));
  return { request, admins, timeline };
}
