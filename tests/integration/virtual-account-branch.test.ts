import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { grantMembership } from "@/lib/memberships/grant";
import { branchOf, grantWithinBranch } from "@/lib/virtual-accounts/authority";
import { accessViewOf } from "@/lib/virtual-accounts/grants";
import {
  createAccount,
  createAdmin,
  createGrant,
  createMembership,
  createUser,
  createVirtualAccount,
  defaultVirtualAccountOf,
} from "../factories";

/*
 * The core of issue 27 that every door shares: who manages which branch of an account's tree
 * (lib/virtual-accounts/authority.ts, through effective_role) and granting a scope
 * (lib/memberships/grant.ts with lib/virtual-accounts/grants.ts).
 *
 *   account ─┬─ DEFAULT
 *            ├─ Americas
 *            └─ EMEA ── France ── Paris
 */
async function tree() {
  const account = await createAccount();
  const americas = await createVirtualAccount(account.id, { name: "Americas" });
  const emea = await createVirtualAccount(account.id, { name: "EMEA" });
  const france = await createVirtualAccount(account.id, { name: "France", parentId: emea.id });
  const paris = await createVirtualAccount(account.id, { name: "Paris", parentId: france.id });
  const byDefault = await defaultVirtualAccountOf(account.id);
  return { account, americas, emea, france, paris, byDefault };
}

async function virtualAccountAdmin(
  accountId: string,
  grants: { on: string; role?: "ADMIN" | "USER"; includeSubAccounts?: boolean }[],
) {
  const user = await createUser();
  const membership = await createMembership(user.id, accountId, "VIEWER", {
    scope: "VIRTUAL_ACCOUNTS",
  });
  for (const grant of grants)
    await createGrant(membership.id, grant.on, grant.role ?? "ADMIN", {
      includeSubAccounts: grant.includeSubAccounts,
    });
  return { user, membership };
}

const inTransaction = <T>(work: (tx: Prisma.TransactionClient) => Promise<T>) =>
  db.$transaction(work);

describe("branchOf: the part of the tree a person manages", () => {
  it("a Smart Account Administrator manages every virtual account", async () => {
    const t = await tree();
    const admin = await createAdmin([t.account.id]);
    const branch = await inTransaction((tx) => branchOf(tx, admin.id, t.account.id));
    expect(branch.wholeAccount).toBe(true);
    expect([...branch.managed].sort()).toEqual(
      [t.byDefault.id, t.americas.id, t.emea.id, t.france.id, t.paris.id].sort(),
    );
  });

  it("a Virtual Account Administrator with sub-accounts manages their virtual account and all below it", async () => {
    const t = await tree();
    const { user } = await virtualAccountAdmin(t.account.id, [
      { on: t.emea.id, includeSubAccounts: true },
    ]);
    const branch = await inTransaction((tx) => branchOf(tx, user.id, t.account.id));
    expect(branch.wholeAccount).toBe(false);
    expect([...branch.managed].sort()).toEqual([t.emea.id, t.france.id, t.paris.id].sort());
    expect(grantWithinBranch(branch, t.emea.id, true)).toBe(true);
    expect(grantWithinBranch(branch, t.france.id, false)).toBe(true);
    expect(grantWithinBranch(branch, t.americas.id, false)).toBe(false);
  });

  it("without sub-accounts, only the one granted; a grant including what they do not manage is outside", async () => {
    const t = await tree();
    const { user } = await virtualAccountAdmin(t.account.id, [{ on: t.emea.id }]);
    const branch = await inTransaction((tx) => branchOf(tx, user.id, t.account.id));
    expect([...branch.managed]).toEqual([t.emea.id]);
    expect(grantWithinBranch(branch, t.emea.id, false)).toBe(true);
    expect(grantWithinBranch(branch, t.emea.id, true)).toBe(false);
    expect(grantWithinBranch(branch, t.france.id, false)).toBe(false);
  });

  it("a Virtual Account User manages nothing", async () => {
    const t = await tree();
    const { user } = await virtualAccountAdmin(t.account.id, [
      { on: t.emea.id, role: "USER", includeSubAccounts: true },
    ]);
    const branch = await inTransaction((tx) => branchOf(tx, user.id, t.account.id));
    expect(branch.managed.size).toBe(0);
  });

  it("nothing once the membership ended, the person is disabled, or the account is inactive", async () => {
    const t = await tree();
    const ended = await virtualAccountAdmin(t.account.id, [
      { on: t.emea.id, includeSubAccounts: true },
    ]);
    await db.membership.update({
      where: { id: ended.membership.id },
      data: { active: false, endedAt: new Date(), endCause: "REMOVED" },
    });
    const disabled = await virtualAccountAdmin(t.account.id, [{ on: t.emea.id }]);
    await db.user.update({ where: { id: disabled.user.id }, data: { disabledAt: new Date() } });
    const admin = await createAdmin([t.account.id]);
    await db.account.update({ where: { id: t.account.id }, data: { status: "INACTIVE" } });
    for (const userId of [ended.user.id, disabled.user.id, admin.id]) {
      const branch = await inTransaction((tx) => branchOf(tx, userId, t.account.id));
      expect(branch.managed.size).toBe(0);
      expect(branch.wholeAccount).toBe(false);
    }
  });
});

describe("grantMembership with a scope", () => {
  it("writes a membership of chosen virtual accounts with its grants, and reads them back by name", async () => {
    const t = await tree();
    const admin = await createAdmin([t.account.id]);
    const person = await createUser();
    const granted = await inTransaction((tx) =>
      grantMembership(tx, {
        userId: person.id,
        accountId: t.account.id,
        access: {
          scope: "VIRTUAL_ACCOUNTS",
          grants: [
            { virtualAccountId: t.france.id, role: "USER", includeSubAccounts: true },
            { virtualAccountId: t.americas.id, role: "VIEWER", includeSubAccounts: false },
          ],
        },
        endsAt: null,
        requestId: null,
        actorId: admin.id,
      }),
    );
    const membership = await db.membership.findUniqueOrThrow({ where: { id: granted.id } });
    expect(membership).toMatchObject({ scope: "VIRTUAL_ACCOUNTS", role: "VIEWER", active: true });
    const view = await inTransaction((tx) => accessViewOf(tx, membership));
    expect(view).toEqual({
      scope: "VIRTUAL_ACCOUNTS",
      grants: [
        {
          virtualAccountId: t.americas.id,
          role: "VIEWER",
          includeSubAccounts: false,
          path: ["Americas"],
        },
        {
          virtualAccountId: t.france.id,
          role: "USER",
          includeSubAccounts: true,
          path: ["EMEA", "France"],
        },
      ],
    });
    const audit = await db.auditEvent.findFirstOrThrow({
      where: { subjectId: granted.id, action: "membership.granted" },
    });
    expect(audit.after).toMatchObject({ scope: "VIRTUAL_ACCOUNTS", grants: expect.any(Array) });
  });

  it("granting the whole account again drops the grants", async () => {
    const t = await tree();
    const admin = await createAdmin([t.account.id]);
    const { user, membership } = await virtualAccountAdmin(t.account.id, [{ on: t.emea.id }]);
    await inTransaction((tx) =>
      grantMembership(tx, {
        userId: user.id,
        accountId: t.account.id,
        access: { scope: "ACCOUNT", role: "USER" },
        endsAt: null,
        requestId: null,
        actorId: admin.id,
      }),
    );
    expect(await db.virtualAccountGrant.count({ where: { membershipId: membership.id } })).toBe(0);
    expect(await db.membership.findUniqueOrThrow({ where: { id: membership.id } })).toMatchObject({
      scope: "ACCOUNT",
      role: "USER",
    });
  });

  it("refuses a virtual account of another account, and changes nothing", async () => {
    const t = await tree();
    const other = await createAccount();
    const foreign = await createVirtualAccount(other.id);
    const admin = await createAdmin([t.account.id]);
    const person = await createUser();
    const attempt = inTransaction((tx) =>
      grantMembership(tx, {
        userId: person.id,
        accountId: t.account.id,
        access: {
          scope: "VIRTUAL_ACCOUNTS",
          grants: [{ virtualAccountId: foreign.id, role: "USER", includeSubAccounts: false }],
        },
        endsAt: null,
        requestId: null,
        actorId: admin.id,
      }),
    );
    await expect(attempt).rejects.toMatchObject({
      code: "CONFLICT",
      details: { reason: "virtualAccountUnknown" },
    });
    await expect(attempt).rejects.toBeInstanceOf(AppError);
    expect(await db.membership.count({ where: { userId: person.id } })).toBe(0);
  });

  it("the last Smart Account Administrator cannot be narrowed to virtual accounts", async () => {
    const t = await tree();
    const admin = await createAdmin([t.account.id]);
    const attempt = inTransaction((tx) =>
      grantMembership(tx, {
        userId: admin.id,
        accountId: t.account.id,
        access: {
          scope: "VIRTUAL_ACCOUNTS",
          grants: [{ virtualAccountId: t.emea.id, role: "ADMIN", includeSubAccounts: true }],
        },
        endsAt: null,
        requestId: null,
        actorId: admin.id,
      }),
    );
    await expect(attempt).rejects.toMatchObject({ details: { reason: "lastAdmin" } });
  });
});
