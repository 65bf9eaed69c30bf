import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { membershipAsOf } from "@/lib/memberships/summary";
import { accessViewOf } from "@/lib/virtual-accounts/grants";
import { personSelect } from "@/lib/people";
import { profileSelect } from "@/lib/profile/profile-select";
import { canDecide, isAccountAdmin, visibleRequestsWhere } from "./authority";

/**
 * A request as its administrators see it: the requester's profile, the reason, its decision and
 * its history (the audit trail). Null when there is no such request or the actor may not see it,
 * the same answer either way.
 */
export async function getRequestForAdmin(actor: Actor, requestId: string) {
  const request = await db.accessRequest.findFirst({
    where: { AND: [{ id: requestId }, visibleRequestsWhere(actor)] },
    select: {
      id: true,
      status: true,
      domain: true,
      reason: true,
      createdAt: true,
      expiresAt: true,
      escalatedAt: true,
      decidedAt: true,
      grantedRole: true,
      grantedScope: true,
      decisionNote: true,
      reminderCount: true,
      lastRemindedAt: true,
      requester: {
        select: { ...personSelect, ...profileSelect },
      },
      account: { select: { id: true, name: true } },
      decidedBy: { select: { email: true, firstName: true, lastName: true } },
    },
  });
  if (!request) return null;

  const [events, asAdmin, membership] = await Promise.all([
    db.auditEvent.findMany({
      where: { subjectType: "AccessRequest", subjectId: request.id },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      select: {
        id: true,
        action: true,
        createdAt: true,
        after: true,
        actor: { select: { email: true, firstName: true, lastName: true, platformRole: true } },
      },
    }),
    isAccountAdmin(db, actor.id, request.account.id),
    db.membership.findUnique({
      where: { userId_accountId: { userId: request.requester.id, accountId: request.account.id } },
      select: {
        id: true,
        role: true,
        scope: true,
        active: true,
        endsAt: true,
        endedAt: true,
        endCause: true,
        grantedByRequestId: true,
      },
    }),
  ]);
  const now = new Date();
  // Virtual accounts: the grants, with names (its role column is a placeholder, never shown).
  const membershipAccess =
    membership?.scope === "VIRTUAL_ACCOUNTS" ? await accessViewOf(db, membership) : null;

  return {
    request,
    /**
     * The requester's access to the account (an earlier approval, an ended membership) as it stands
     * now: one whose end date passed has ended, swept or not (membershipAsOf).
     */
    membership: membership && membershipAsOf(membership, now),
    /** The virtual accounts of that membership, when it is of virtual accounts. */
    membershipAccess,
    history: events.map((event) => ({
      id: event.id.toString(),
      action: event.action,
      createdAt: event.createdAt,
      actor: event.actor,
      details: historyDetails(event.after),
    })),
    /** A super administrator who does not administer the account decides on its behalf. */
    onBehalfOfAccount: !asAdmin,
    canDecide: canDecide(actor) && request.status === "PENDING",
  };
}

export type AdminRequestView = NonNullable<Awaited<ReturnType<typeof getRequestForAdmin>>>;

/** The parts of an audit event worth showing in the history: nothing internal (ids), no free text but the reason. */
function historyDetails(after: unknown) {
  const value = (after ?? {}) as Record<string, unknown>;
  const text = (key: string) => (typeof value[key] === "string" ? (value[key] as string) : null);
  return {
    role: text("role"),
    reason: text("reason"),
    cause: text("cause"),
    onBehalfOfAccount: value.onBehalfOfAccount === true,
    bulk: value.bulk === true,
  };
}
