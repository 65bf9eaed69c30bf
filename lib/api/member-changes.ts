import type { z } from "zod";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { changeMemberAccess } from "@/lib/memberships/change-access";
import { changeMemberRole } from "@/lib/memberships/change-role";
import { extendMembership } from "@/lib/memberships/extend-membership";
import { removeMember } from "@/lib/memberships/remove-member";
import { accessOfApproval } from "@/lib/admin/schema";
import { accessViewOf } from "@/lib/virtual-accounts/grants";
import type { member } from "./contract";
import { accessCheckParams, memberScopeFields } from "./members";
import { withinTokenAccounts, type ApiCaller } from "./token-auth";

type Tx = Prisma.TransactionClient;

/**
 * The membership of the person with that email address in the account, if the token's own limit
 * reaches the account. Whether the creator may manage it is the use case's check (NOT_FOUND as
 * well), so an account out of reach and a person who was never a member answer alike.
 */
async function membershipIdOf(
  tx: Tx,
  caller: ApiCaller,
  accountId: string,
  email: string,
): Promise<string> {
  const membership = withinTokenAccounts(caller, accountId)
    ? await tx.membership.findFirst({ where: { accountId, user: { email } }, select: { id: true } })
    : null;
  if (!membership) throw new AppError("NOT_FOUND", "No such member within the token's reach");
  return membership.id;
}

/** A member as the member list shows them, read in the change's transaction. */
async function memberOf(tx: Tx, membershipId: string): Promise<z.input<typeof member>> {
  const row = await tx.membership.findUniqueOrThrow({
    where: { id: membershipId },
    select: {
      id: true,
      role: true,
      scope: true,
      active: true,
      grantedAt: true,
      endsAt: true,
      endedAt: true,
      user: {
        select: { email: true, firstName: true, lastName: true, company: true, disabledAt: true },
      },
    },
  });
  return {
    email: row.user.email,
    firstName: row.user.firstName,
    lastName: row.user.lastName,
    company: row.user.company,
    ...memberScopeFields(await accessViewOf(tx, row)),
    active: row.active,
    userDisabled: row.user.disabledAt !== null,
    since: row.grantedAt.toISOString(),
    until: row.endsAt?.toISOString() ?? null,
    endedAt: row.endedAt?.toISOString() ?? null,
  };
}

/**
 * Runs a member change as the token's creator in one transaction with the record of the token's
 * use: the membership found by email, the memberships use cases (their rules, audit events,
 * emails and webhook events), the member as it is afterwards.
 */
async function asCreator(
  caller: ApiCaller,
  params: Record<string, string>,
  change: string,
  act: (tx: Tx, membershipId: string) => Promise<void>,
) {
  const { accountId, email } = accessCheckParams(params);
  return db.$transaction(
    async (tx) => {
      const membershipId = await membershipIdOf(tx, caller, accountId, email);
      await act(tx, membershipId);
      await recordAudit(tx, {
        actorId: caller.creator.id,
        action: "apiToken.used",
        subjectType: "ApiToken",
        subjectId: caller.tokenId,
        after: { membershipId, accountId, change },
      });
      return memberOf(tx, membershipId);
    },
    { maxWait: 10_000, timeout: 15_000 },
  );
}

/**
 * PATCH a member (its body passed memberUpdateBody): a new role (changeMemberRole), a new scope
 * (changeMemberAccess, with the role or virtual accounts it gives), a later end or none
 * (extendMembership), or a change and an end; either refused leaves nothing changed.
 */
export async function updateMemberForCaller(
  caller: ApiCaller,
  params: Record<string, string>,
  body: Record<string, unknown>,
) {
  const { role, scope, virtualAccounts, permanent, endsInDays, endsOn } = body;
  const changesEnd = permanent !== undefined || endsInDays !== undefined || endsOn !== undefined;
  const changesScope = scope !== undefined;
  const change = [changesScope ? "scope" : role !== undefined && "role", changesEnd && "end"]
    .filter(Boolean)
    .join("+");
  return asCreator(caller, params, change, async (tx, membershipId) => {
    if (changesScope) {
      // The body passed memberUpdateBody: the same terms approve takes, so the same access.
      const access = accessOfApproval({
        scope,
        role,
        virtualAccounts,
      } as Parameters<typeof accessOfApproval>[0]);
      await changeMemberAccess.executeIn(tx, caller.creator, { membershipId, access });
    } else if (role !== undefined)
      await changeMemberRole.executeIn(tx, caller.creator, { membershipId, role });
    if (changesEnd)
      await extendMembership.executeIn(tx, caller.creator, {
        membershipId,
        permanent,
        endsInDays,
        endsOn,
      });
  });
}

/** DELETE a member: their access ends (removeMember), with an optional reason they are emailed. */
export async function removeMemberForCaller(
  caller: ApiCaller,
  params: Record<string, string>,
  body: Record<string, unknown>,
) {
  return asCreator(caller, params, "removed", async (tx, membershipId) => {
    await removeMember.executeIn(tx, caller.creator, { ...body, membershipId });
  });
}
