import type { Actor } from "@/lib/auth/actor";
import { recordStatusChange } from "@/lib/audit/record";
import type { Prisma } from "@/lib/generated/prisma/client";
import { displayName } from "@/lib/people";
import { managingMembership } from "@/lib/memberships/authority";
import { grantMembership, type GrantedMembership } from "@/lib/memberships/grant";
import type { Granter } from "@/lib/memberships/rules";
import type { GrantedScope } from "@/lib/requests/granted-scope";
import { notifyRequester, requesterNoticeSelect } from "@/lib/requests/notify";
import { accessRecord } from "@/lib/virtual-accounts/grants";
import type { Access } from "@/lib/virtual-accounts/scope";
import { emitRequestEvent } from "@/lib/webhooks/emit";
import { visibleRequestsWhere } from "./authority";
import { mayGrantAccess } from "./rules";
import type { Decision } from "./schema";

/*
 * The step every decision runs, one request at a time: the single approve and deny
 * (approve-or-deny.ts) and the bulk decision (bulk-decision.ts) differ only in how they report its
 * outcome.
 */

export type DecisionOutcome =
  | { requestId: string; outcome: "decided"; status: "APPROVED" | "DENIED"; requesterName: string }
  | {
      requestId: string;
      outcome: "alreadyDecided";
      /** The status it has now: APPROVED, DENIED, EXPIRED or WITHDRAWN. */
      status: string;
      requesterName: string;
      decidedBy: string | null;
      decidedAt: string | null;
    }
  /**
   * Still pending, but past its expiry (before the sweep got to it), its requester is disabled, a
   * role asked for is above the decider's own, or a virtual account asked for is not the request's
   * account's (another account's, deleted meanwhile, or none: a bulk approval across accounts).
   */
  | {
      requestId: string;
      outcome: "refused";
      reason: "requestExpired" | "requesterDisabled" | "roleAboveOwn" | "virtualAccountUnknown";
      requesterName: string;
    }
  /** No such request, or not one this actor may see: the same answer either way. */
  | { requestId: string; outcome: "notFound" };

export interface Decider {
  tx: Prisma.TransactionClient;
  actor: Actor;
  name: string;
  /** Part of a bulk decision (recorded in the audit event). */
  bulk: boolean;
}

export async function deciderFor(
  tx: Prisma.TransactionClient,
  actor: Actor,
  bulk: boolean,
): Promise<Decider> {
  const user = await tx.user.findUniqueOrThrow({
    where: { id: actor.id },
    select: { email: true, firstName: true, lastName: true },
  });
  return { tx, actor, name: displayName(user), bulk };
}

const requestSelect = {
  ...requesterNoticeSelect,
  accountId: true,
  requesterId: true,
  status: true,
  expiresAt: true,
  decidedAt: true,
  requester: { select: { ...requesterNoticeSelect.requester.select, disabledAt: true } },
  decidedBy: { select: { email: true, firstName: true, lastName: true } },
} as const;

/**
 * Decides one request, first decision wins: the UPDATE only matches a PENDING row, so of several
 * concurrent deciders (or a decider racing the expiry sweep) exactly one changes it; the others
 * wait for its row lock, find it no longer pending, and are told who decided and when. Only the
 * winner writes the membership, the audit event and the requester's email, in the caller's
 * transaction.
 */
export async function decideOne(
  decider: Decider,
  requestId: string,
  decision: Decision,
): Promise<DecisionOutcome> {
  const { tx, actor } = decider;
  const request = await tx.accessRequest.findFirst({
    where: { AND: [{ id: requestId }, visibleRequestsWhere(actor)] },
    select: requestSelect,
  });
  if (!request) return { requestId, outcome: "notFound" };
  const requesterName = displayName(request.requester);

  // The visibility filter let the actor see it as an administrator of the account, or as a super
  // administrator acting on the account's behalf (an escalated request).
  const own = await managingMembership(tx, actor.id, request.accountId);
  const granter: Granter = own ? own.role : "onBehalfOfAccount";
  if (decision.decision === "approve") {
    if (!mayGrantAccess(granter, decision.access))
      return { requestId, outcome: "refused", reason: "roleAboveOwn", requesterName };
  }
  // What is granted, read (and its virtual accounts checked to be the account's) before the request
  // changes, so that a bulk decision reports a refusal and goes on (grantMembership checks them
  // again, for its other callers).
  const granted =
    decision.decision === "approve"
      ? await grantedScopeFor(tx, request.accountId, decision.access)
      : null;
  if (decision.decision === "approve" && !granted)
    return { requestId, outcome: "refused", reason: "virtualAccountUnknown", requesterName };

  const decidedAt = new Date();
  const status = decision.decision === "approve" ? "APPROVED" : "DENIED";
  const { count } = await tx.accessRequest.updateMany({
    // Only a pending request still within its lifetime, of a requester who may still sign in: the
    // sweep expires overdue requests every minute, but a decision must not beat it to the door.
    where: {
      id: request.id,
      status: "PENDING",
      expiresAt: { gt: decidedAt },
      requester: { is: { disabledAt: null } },
    },
    data: {
      status,
      decidedById: actor.id,
      decidedAt,
      // A Smart Account role; none for virtual accounts (their roles are in grantedScope).
      grantedRole:
        decision.decision === "approve" && decision.access.scope === "ACCOUNT"
          ? decision.access.role
          : null,
      // Kept as granted, with the virtual accounts' names of now, for the requester and the API.
      ...(granted ? { grantedScope: granted } : {}),
      decisionNote: decision.decision === "deny" ? decision.reason : null,
    },
  });
  if (count === 0) {
    const current = await tx.accessRequest.findUniqueOrThrow({
      where: { id: request.id },
      select: requestSelect,
    });
    if (current.status === "PENDING") {
      const reason = current.expiresAt <= decidedAt ? "requestExpired" : "requesterDisabled";
      return { requestId, outcome: "refused", reason, requesterName };
    }
    return {
      requestId,
      outcome: "alreadyDecided",
      status: current.status,
      requesterName,
      decidedBy: current.decidedBy ? displayName(current.decidedBy) : null,
      decidedAt: current.decidedAt?.toISOString() ?? null,
    };
  }

  const onBehalfOfAccount = granter === "onBehalfOfAccount";
  const membership: GrantedMembership | null =
    decision.decision === "approve"
      ? await grantMembership(tx, {
          userId: request.requesterId,
          accountId: request.accountId,
          access: decision.access,
          endsAt: decision.endsAt,
          requestId: request.id,
          actorId: actor.id,
        })
      : null;

  await recordStatusChange(tx, {
    actorId: actor.id,
    action: decision.decision === "approve" ? "request.approved" : "request.denied",
    subjectType: "AccessRequest",
    subjectId: request.id,
    from: "PENDING",
    to: status,
    details: {
      ...(decision.decision === "approve"
        ? {
            ...accessRecord(decision.access),
            endsAt: decision.endsAt?.toISOString() ?? null,
            membershipId: membership!.id,
            previousMembership: membership!.before && {
              role: membership!.before.role,
              active: membership!.before.active,
            },
          }
        : { reason: decision.reason }),
      ...(onBehalfOfAccount ? { onBehalfOfAccount: true, accountId: request.accountId } : {}),
      ...(decider.bulk ? { bulk: true } : {}),
    },
  });

  await emitRequestEvent(
    tx,
    decision.decision === "approve" ? "request.approved" : "request.denied",
    request.id,
  );

  const decidedBy = { deciderName: decider.name, onBehalfOfAccount };
  await notifyRequester(
    tx,
    request,
    decision.decision === "approve"
      ? { outcome: "approved", granted: granted!, endsAt: decision.endsAt, decidedBy }
      : { outcome: "denied", reason: decision.reason, decidedBy },
  );
  return { requestId, outcome: "decided", status, requesterName };
}

/**
 * The access as the request keeps it (lib/requests/granted-scope.ts), the virtual accounts with
 * their names from the root down; null when one of them is not the account's. Nothing is read for
 * the whole account; two reads for virtual accounts (them, then the names on their paths).
 */
async function grantedScopeFor(
  tx: Prisma.TransactionClient,
  accountId: string,
  access: Access,
): Promise<GrantedScope | null> {
  if (access.scope === "ACCOUNT")
    return { scope: "account", role: access.role, virtualAccounts: [] };
  const ids = access.grants.map((grant) => grant.virtualAccountId);
  const found = await tx.virtualAccount.findMany({
    where: { id: { in: ids }, accountId },
    select: { id: true, path: true },
  });
  if (found.length !== new Set(ids).size) return null;
  const paths = new Map(found.map((va) => [va.id, va.path]));
  const names = new Map(
    (
      await tx.virtualAccount.findMany({
        where: { id: { in: [...new Set(found.flatMap((va) => va.path))] } },
        select: { id: true, name: true },
      })
    ).map((va) => [va.id, va.name]),
  );
  const virtualAccounts = access.grants.map((grant) => ({
    id: grant.virtualAccountId,
    path: (paths.get(grant.virtualAccountId) ?? []).map((id) => names.get(id) ?? "?"),
    role: grant.role,
    includeSubAccounts: grant.includeSubAccounts,
  }));
  // In the order pages list a membership's grants (accessViewsOf): by path.
  virtualAccounts.sort((a, b) => a.path.join("/").localeCompare(b.path.join("/")));
  return { scope: "virtualAccounts", role: null, virtualAccounts };
}
