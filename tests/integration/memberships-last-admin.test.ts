import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { approveRequest } from "@/lib/admin/approve-or-deny";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { changeMemberRole } from "@/lib/memberships/change-role";
import { leaveAccount } from "@/lib/memberships/leave-account";
import { removeMember } from "@/lib/memberships/remove-member";
import { endExpiredMemberships } from "@/lib/memberships/sweep";
import { createAccount, createMembership, createRequest, createUser } from "../factories";
import { appErrorOf } from "./app-error-of";
import { activeAdminCount, auditOf, emailsTo, holdMembershipLocks } from "./membership-helpers";

/** An account with `count` administrators (and one plain member). */
async function accountWithAdmins(count: number) {
  const account = await createAccount();
  const admins: { actor: Actor; membershipId: string }[] = [];
  for (let i = 0; i < count; i++) {
    const actor = await createUser({ firstName: `Admin${i}` });
    admins.push({
      actor,
      membershipId: (await createMembership(actor.id, account.id, "ADMIN")).id,
    });
  }
  const member = await createUser();
  const memberMembership = await createMembership(member.id, account.id, "USER");
  return { account, admins, member, memberMembershipId: memberMembership.id };
}

/** The outcome of a mutation: "ok", or the refusal's code and reason. */
async function outcomeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof AppError)
      return [error.code, error.details.reason].filter(Boolean).join(":");
    throw error;
  }
}

describe("the last active administrator stays", () => {
  it("cannot be demoted by themselves", async () => {
    const { admins } = await accountWithAdmins(1);
    const [only] = admins;
    for (const role of ["USER", "VIEWER"] as const) {
      const refusal = await appErrorOf(
        changeMemberRole.execute(only!.actor, { membershipId: only!.membershipId, role }),
      );
      expect(refusal).toMatchObject({
        code: "CONFLICT",
        details: { reason: "lastAdmin", fieldErrors: { _form: "lastAdmin" } },
      });
    }
  });

  it("cannot be removed (by themselves) nor leave, and the refusal names the account to ask support about", async () => {
    const { admins, account } = await accountWithAdmins(1);
    const [only] = admins;
    expect(
      await appErrorOf(removeMember.execute(only!.actor, { membershipId: only!.membershipId })),
    ).toMatchObject({
      code: "CONFLICT",
      details: { reason: "lastAdmin", accountId: account.id },
    });
    expect(
      await appErrorOf(leaveAccount.execute(only!.actor, { accountId: account.id })),
    ).toMatchObject({ code: "CONFLICT", details: { reason: "lastAdmin" } });
    expect(await activeAdminCount(account.id)).toBe(1);
    expect(await auditOf(only!.membershipId)).toEqual([]);
  });

  it("cannot be demoted or removed by another administrator once that one has stepped down", async () => {
    const { admins, account } = await accountWithAdmins(2);
    const [first, second] = admins;
    await changeMemberRole.execute(first!.actor, {
      membershipId: first!.membershipId,
      role: "USER",
    });
    expect(
      await outcomeOf(
        changeMemberRole.execute(second!.actor, {
          membershipId: second!.membershipId,
          role: "VIEWER",
        }),
      ),
    ).toBe("CONFLICT:lastAdmin");
    expect(
      await outcomeOf(removeMember.execute(second!.actor, { membershipId: second!.membershipId })),
    ).toBe("CONFLICT:lastAdmin");
    expect(await activeAdminCount(account.id)).toBe(1);
  });

  it("a disabled administrator does not count: the only enabled one is the last", async () => {
    const { admins, account } = await accountWithAdmins(2);
    await db.user.update({ where: { id: admins[1]!.actor.id }, data: { disabledAt: new Date() } });
    expect(await outcomeOf(leaveAccount.execute(admins[0]!.actor, { accountId: account.id }))).toBe(
      "CONFLICT:lastAdmin",
    );
    // The disabled one's membership may go: it gave nobody any authority.
    expect(
      await outcomeOf(
        removeMember.execute(admins[0]!.actor, { membershipId: admins[1]!.membershipId }),
      ),
    ).toBe("ok");
  });

  it("with two administrators, one may leave or be removed, never both", async () => {
    const { admins, account } = await accountWithAdmins(2);
    expect(await outcomeOf(leaveAccount.execute(admins[0]!.actor, { accountId: account.id }))).toBe(
      "ok",
    );
    expect(await outcomeOf(leaveAccount.execute(admins[1]!.actor, { accountId: account.id }))).toBe(
      "CONFLICT:lastAdmin",
    );
    expect(await activeAdminCount(account.id)).toBe(1);
  });

  it("an approval that would demote the last administrator (a member asking again) is refused and changes nothing", async () => {
    const { admins, account } = await accountWithAdmins(1);
    const [only] = admins;
    // Not possible through the form (a member is told they already have access), but data can get here.
    const request = await createRequest({ accountId: account.id, requesterId: only!.actor.id });
    const superadmin = await createUser({ platformRole: "SUPERADMIN" });
    await db.accessRequest.update({ where: { id: request.id }, data: { escalatedAt: new Date() } });
    expect(
      await outcomeOf(
        approveRequest.execute(superadmin, { requestId: request.id, role: "VIEWER" }),
      ),
    ).toBe("CONFLICT:lastAdmin");
    expect((await db.accessRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe(
      "PENDING",
    );
    expect(await activeAdminCount(account.id)).toBe(1);
  });
});

describe("concurrent changes to the last two administrators leave one", () => {
  /**
   * Both mutations start while another transaction holds the account's membership rows, so both
   * have read everything they read before taking their locks; then the rows are released and they
   * run into each other. Without the lock on the administrators' rows, both would see two
   * administrators and both would succeed.
   */
  async function raceOnLockedAccount(accountId: string, moves: (() => Promise<unknown>)[]) {
    const hold = await holdMembershipLocks(accountId);
    const outcomes = Promise.all(moves.map((move) => outcomeOf(move())));
    await hold.whenWaiting(moves.length);
    await hold.release();
    return (await outcomes).sort();
  }

  it("two administrators demoting themselves at the same moment: one succeeds, the other is refused", async () => {
    const { admins, account } = await accountWithAdmins(2);
    const outcomes = await raceOnLockedAccount(
      account.id,
      admins.map(
        ({ actor, membershipId }) =>
          () =>
            changeMemberRole.execute(actor, { membershipId, role: "USER" }),
      ),
    );
    expect(outcomes).toEqual(["CONFLICT:lastAdmin", "ok"]);
    expect(await activeAdminCount(account.id)).toBe(1);
  });

  it("two administrators demoting each other at the same moment: one remains an administrator", async () => {
    const { admins, account } = await accountWithAdmins(2);
    const [first, second] = admins;
    const outcomes = await raceOnLockedAccount(account.id, [
      () =>
        changeMemberRole.execute(first!.actor, {
          membershipId: second!.membershipId,
          role: "VIEWER",
        }),
      () =>
        changeMemberRole.execute(second!.actor, {
          membershipId: first!.membershipId,
          role: "VIEWER",
        }),
    ]);
    // The loser is either no longer an administrator itself (so may not manage anyone) or the last one.
    expect(outcomes[1]).toBe("ok");
    expect(["NOT_FOUND", "CONFLICT:lastAdmin"]).toContain(outcomes[0]);
    expect(await activeAdminCount(account.id)).toBe(1);
  });

  it("both leaving, or one removing the other while that one leaves: one remains", async () => {
    const { admins, account } = await accountWithAdmins(2);
    expect(
      await raceOnLockedAccount(
        account.id,
        admins.map(
          ({ actor }) =>
            () =>
              leaveAccount.execute(actor, { accountId: account.id }),
        ),
      ),
    ).toEqual(["CONFLICT:lastAdmin", "ok"]);
    expect(await activeAdminCount(account.id)).toBe(1);

    const next = await accountWithAdmins(2);
    const [a, b] = next.admins;
    const outcomes = await raceOnLockedAccount(next.account.id, [
      () => removeMember.execute(a!.actor, { membershipId: b!.membershipId }),
      () => leaveAccount.execute(a!.actor, { accountId: next.account.id }),
    ]);
    expect(outcomes.filter((outcome) => outcome === "ok")).toHaveLength(1);
    expect(await activeAdminCount(next.account.id)).toBe(1);
  });
});

describe("an end date is an end date, even for the last administrator", () => {
  it("the sweep ends it, and support staff are told that the account has nobody to administer it", async () => {
    const { admins, account } = await accountWithAdmins(1);
    const support = await createUser({ platformRole: "SUPPORT" });
    await db.membership.update({
      where: { id: admins[0]!.membershipId },
      data: { endsAt: new Date(Date.now() - 1000) },
    });
    expect(await endExpiredMemberships(db)).toBe(1);
    expect(await activeAdminCount(account.id)).toBe(0);
    expect((await emailsTo(support.email)).map((email) => email.template)).toEqual([
      "account-without-admin",
    ]);
  });

  it("while another administrator remains, support is not bothered", async () => {
    const { admins } = await accountWithAdmins(2);
    const support = await createUser({ platformRole: "SUPPORT" });
    await db.membership.update({
      where: { id: admins[0]!.membershipId },
      data: { endsAt: new Date(Date.now() - 1000) },
    });
    expect(await endExpiredMemberships(db)).toBe(1);
    expect(await emailsTo(support.email)).toEqual([]);
  });
});
