import { z } from "zod";
import { defineMutation } from "@/lib/actions/mutation";
import { recordAudit } from "@/lib/audit/record";
import type { Prisma } from "@/lib/generated/prisma/client";
import {
  accessRecord,
  accessViewOf,
  assertVirtualAccountsOf,
  writeGrants,
} from "@/lib/virtual-accounts/grants";
import { accessSchema } from "@/lib/virtual-accounts/schema";
import { membershipRoleOf, rolesOf, type Access } from "@/lib/virtual-accounts/scope";
import { emitMembershipEvent } from "@/lib/webhooks/emit";
import { assertKeepsAnAdministrator, lockManagedMembership } from "./authority";
import { loadMemberNotice, membershipLinks, notifyMember } from "./notify";
import { membershipRefused } from "./refusals";
import { mayGrantRole } from "./rules";
import { membershipSummarySelect, nameOf, type MembershipSummary } from "./summary";

const id = z.string().trim().min(1).max(100);

/** A member's new access: the whole account with a role, or selected virtual accounts with theirs. */
export const changeAccessSchema = z.object({ membershipId: id, access: accessSchema });

export type ChangeAccessOutcome =
  | { outcome: "changed"; membership: MembershipSummary }
  /** It already had exactly that access: nothing written, nobody emailed. */
  | { outcome: "unchanged"; membership: MembershipSummary };

/** The access a membership gives now, from its row and its grants. */
export async function currentAccessOf(
  tx: Prisma.TransactionClient,
  membershipId: string,
): Promise<Access> {
  const membership = await tx.membership.findUniqueOrThrow({
    where: { id: membershipId },
    select: {
      role: true,
      scope: true,
      grants: {
        select: { virtualAccountId: true, role: true, includeSubAccounts: true },
        orderBy: { id: "asc" },
      },
    },
  });
  return membership.scope === "ACCOUNT"
    ? { scope: "ACCOUNT", role: membership.role }
    : { scope: "VIRTUAL_ACCOUNTS", grants: membership.grants };
}

/** The same access, whatever the order of its grants. */
export function sameAccess(a: Access, b: Access): boolean {
  if (a.scope === "ACCOUNT" || b.scope === "ACCOUNT")
    return a.scope === b.scope && rolesOf(a)[0] === rolesOf(b)[0];
  const key = (access: typeof a) =>
    access.grants
      .map((grant) => `${grant.virtualAccountId}:${grant.role}:${grant.includeSubAccounts}`)
      .sort()
      .join(",");
  return key(a) === key(b);
}

/**
 * A Smart Account Administrator replaces a member's access: the entire account with a Smart Account
 * role, or selected virtual accounts each with its role (issue 27). Never a role above their own,
 * never a virtual account of another account, never taking the account's last Smart Account
 * Administrator away (moving them to virtual accounts takes it away too). Audited before → after,
 * a membership.changed webhook queued and the member emailed in their language, in the same
 * transaction.
 */
export const changeMemberAccess = defineMutation({
  name: "membership.changeAccess",
  input: changeAccessSchema,
  async run({ actor, input, tx }): Promise<ChangeAccessOutcome> {
    const { target, managerRole, lock } = await lockManagedMembership(
      tx,
      actor,
      input.membershipId,
    );
    if (!target.inForce) throw membershipRefused("ended");
    const next = input.access;
    if (!rolesOf(next).every((role) => mayGrantRole(managerRole, role)))
      throw membershipRefused("roleAboveOwn");
    await assertVirtualAccountsOf(tx, target.accountId, next);
    const previous = await currentAccessOf(tx, target.id);
    if (sameAccess(previous, next)) {
      return {
        outcome: "unchanged",
        membership: await tx.membership.findUniqueOrThrow({
          where: { id: target.id },
          select: membershipSummarySelect,
        }),
      };
    }
    assertKeepsAnAdministrator(lock, target.id, next.scope === "ACCOUNT" ? next.role : null);

    const previousView = await accessViewOf(tx, {
      id: target.id,
      role: target.role,
      scope: previous.scope,
    });
    // Grants go before the scope leaves VIRTUAL_ACCOUNTS, and come after it arrives there: the
    // database refuses a grant on a membership of the whole account.
    if (next.scope === "ACCOUNT") await writeGrants(tx, target.id, next);
    const membership = await tx.membership.update({
      where: { id: target.id },
      data: { role: membershipRoleOf(next), scope: next.scope },
      select: membershipSummarySelect,
    });
    if (next.scope === "VIRTUAL_ACCOUNTS") await writeGrants(tx, target.id, next);
    await recordAudit(tx, {
      actorId: actor.id,
      action: "membership.accessChanged",
      subjectType: "Membership",
      subjectId: target.id,
      before: accessRecord(previous),
      after: { ...accessRecord(next), accountId: target.accountId, userId: target.userId },
    });
    await emitMembershipEvent(tx, "membership.changed", target.id, {
      previousRole: target.role,
      changedById: actor.id,
    });
    await notifyMember(tx, await loadMemberNotice(tx, target.id), "membership-access-changed", {
      previous: previousView,
      access: await accessViewOf(tx, { id: target.id, role: membership.role, scope: next.scope }),
      changedBy: await nameOf(tx, actor.id),
      url: membershipLinks.yourAccounts(),
    });
    return { outcome: "changed", membership };
  },
});
