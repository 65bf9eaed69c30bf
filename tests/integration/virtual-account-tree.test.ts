import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import {
  createAccount,
  createGrant,
  createMembership,
  createUser,
  createVirtualAccount,
  defaultVirtualAccountOf,
} from "../factories";

/*
 * What PostgreSQL keeps true of the virtual-account tree, whoever writes it (migration
 * …_virtual_accounts): a root DEFAULT per account, made with it and kept; names unique among
 * siblings; at most 6 levels; a parent of the same account, never below itself; `path` (the
 * ancestors, read by the effective-role rule) right after every move; grants only on a membership
 * of scope VIRTUAL_ACCOUNTS, on a virtual account of its own account.
 */

/** A chain of virtual accounts under the account's root, `levels` deep; their ids from the top. */
async function chainOf(accountId: string, levels: number): Promise<string[]> {
  const ids: string[] = [];
  for (let level = 1; level <= levels; level++)
    ids.push((await createVirtualAccount(accountId, { parentId: ids.at(-1) ?? null })).id);
  return ids;
}

const pathOf = async (id: string) =>
  (await db.virtualAccount.findUniqueOrThrow({ where: { id } })).path;

describe("the virtual-account tree", () => {
  it("every new account has one root DEFAULT", async () => {
    const account = await createAccount();
    const roots = await db.virtualAccount.findMany({ where: { accountId: account.id } });
    expect(roots).toMatchObject([{ name: "DEFAULT", parentId: null, path: [roots[0]!.id] }]);
  });

  it("DEFAULT is kept: not deleted, renamed or moved; it goes with its account", async () => {
    const account = await createAccount();
    const other = await createVirtualAccount(account.id);
    const { id } = await defaultVirtualAccountOf(account.id);
    await expect(db.virtualAccount.delete({ where: { id } })).rejects.toThrow();
    await expect(
      db.virtualAccount.update({ where: { id }, data: { name: "Renamed" } }),
    ).rejects.toThrow();
    await expect(
      db.virtualAccount.update({ where: { id }, data: { parentId: other.id } }),
    ).rejects.toThrow();
    await chainOf(account.id, 3);
    await db.account.delete({ where: { id: account.id } });
    expect(await db.virtualAccount.count({ where: { accountId: account.id } })).toBe(0);
  });

  it("names are unique among siblings, not across the tree", async () => {
    const account = await createAccount();
    const [engineering, sales] = await Promise.all([
      createVirtualAccount(account.id, { name: "Engineering" }),
      createVirtualAccount(account.id, { name: "Sales" }),
    ]);
    await expect(createVirtualAccount(account.id, { name: "Engineering" })).rejects.toThrow();
    await expect(createVirtualAccount(account.id, { name: "DEFAULT" })).rejects.toThrow();
    await createVirtualAccount(account.id, { parentId: engineering.id, name: "Tools" });
    await expect(
      createVirtualAccount(account.id, { parentId: engineering.id, name: "Tools" }),
    ).rejects.toThrow();
    await createVirtualAccount(account.id, { parentId: sales.id, name: "Tools" });
    await createVirtualAccount(account.id, { parentId: engineering.id, name: "Engineering" });
    // Another account has its own names.
    await createVirtualAccount((await createAccount()).id, { name: "Engineering" });
  });

  it("is at most 6 levels deep", async () => {
    const account = await createAccount();
    const chain = await chainOf(account.id, 6);
    expect(await pathOf(chain[5]!)).toEqual(chain);
    await expect(createVirtualAccount(account.id, { parentId: chain[5]! })).rejects.toThrow();
  });

  it("a parent is of the same account", async () => {
    const [account, other] = await Promise.all([createAccount(), createAccount()]);
    const foreign = await createVirtualAccount(other.id);
    await expect(createVirtualAccount(account.id, { parentId: foreign.id })).rejects.toThrow();
    const mine = await createVirtualAccount(account.id);
    await expect(
      db.virtualAccount.update({ where: { id: mine.id }, data: { parentId: foreign.id } }),
    ).rejects.toThrow();
    await expect(
      db.virtualAccount.update({ where: { id: mine.id }, data: { accountId: other.id } }),
    ).rejects.toThrow();
  });

  it("a move carries the sub-accounts' paths, never below itself, never deeper than 6", async () => {
    const account = await createAccount();
    const [a, b, c] = await chainOf(account.id, 3);
    const target = await createVirtualAccount(account.id);
    await db.virtualAccount.update({ where: { id: b! }, data: { parentId: target.id } });
    expect(await pathOf(c!)).toEqual([target.id, b, c]);
    expect(await pathOf(a!)).toEqual([a]);

    await expect(
      db.virtualAccount.update({ where: { id: b! }, data: { parentId: c! } }),
    ).rejects.toThrow();
    await expect(
      db.virtualAccount.update({ where: { id: b! }, data: { parentId: b! } }),
    ).rejects.toThrow();
    // A path written by hand is put right.
    await db.virtualAccount.update({ where: { id: c! }, data: { path: [c!] } });
    expect(await pathOf(c!)).toEqual([target.id, b, c]);

    // b's branch is 2 deep: under a chain of 5 it would reach level 7.
    const deep = await chainOf(account.id, 5);
    await expect(
      db.virtualAccount.update({ where: { id: b! }, data: { parentId: deep[4]! } }),
    ).rejects.toThrow();
    expect(await pathOf(c!)).toEqual([target.id, b, c]);
    await db.virtualAccount.update({ where: { id: b! }, data: { parentId: deep[3]! } });
    expect(await pathOf(c!)).toEqual([...deep.slice(0, 4), b, c]);
    // Back to the root.
    await db.virtualAccount.update({ where: { id: b! }, data: { parentId: null } });
    expect(await pathOf(c!)).toEqual([b, c]);
  });

  it("a grant is for a membership of virtual accounts, on its own account's tree", async () => {
    const [account, other, person] = await Promise.all([
      createAccount(),
      createAccount(),
      createUser(),
    ]);
    const [mine, foreign] = await Promise.all([
      createVirtualAccount(account.id),
      createVirtualAccount(other.id),
    ]);
    const ofVirtualAccounts = await createMembership(person.id, account.id, "VIEWER", {
      scope: "VIRTUAL_ACCOUNTS",
    });
    await expect(createGrant(ofVirtualAccounts.id, foreign.id, "USER")).rejects.toThrow();
    const grant = await createGrant(ofVirtualAccounts.id, mine.id, "USER");
    await expect(createGrant(ofVirtualAccounts.id, mine.id, "ADMIN")).rejects.toThrow();
    await expect(
      db.virtualAccountGrant.update({
        where: { id: grant.id },
        data: { virtualAccountId: foreign.id },
      }),
    ).rejects.toThrow();

    const ofAccount = await createMembership((await createUser()).id, account.id, "VIEWER");
    await expect(createGrant(ofAccount.id, mine.id, "ADMIN")).rejects.toThrow();
  });
});
