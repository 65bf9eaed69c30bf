import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { renderEmail } from "@/lib/mail/render";
import {
  createVirtualAccount as createVirtualAccountMutation,
  deleteVirtualAccount,
  moveVirtualAccount,
  renameVirtualAccount,
  writeTree,
} from "@/lib/virtual-accounts/manage";
import { deletionPreview, virtualAccountsView } from "@/lib/virtual-accounts/manage-read";
import {
  actorOf,
  createAccount,
  createAdmin,
  createGrant,
  createMembership,
  createUser,
  createVirtualAccount,
  createWebhookEndpoint,
  defaultVirtualAccountOf,
} from "../factories";
import { appErrorOf } from "./app-error-of";
import { auditOf, emailsTo, membershipOf } from "./membership-helpers";

/*
 * Changing an account's tree of virtual accounts (issue 27): every mutation × every role, the
 * tree's rules as clear refusals, and what a deletion does to the people granted there.
 */

type User = Awaited<ReturnType<typeof createUser>>;

/**
 * An account with DEFAULT, EMEA > France > Paris, Americas; its Smart Account Administrator, Vera
 * (Virtual Account Administrator of EMEA with its sub-accounts), Otto (of Americas), a User, a
 * Viewer, support staff, and the administrator of another account.
 */
async function world() {
  const account = await createAccount({ name: "Tree Corp" });
  const other = await createAccount({ name: "Other Corp" });
  const admin = await createAdmin([account.id], { firstName: "Alice", lastName: "Admin" });
  const otherAdmin = await createAdmin([other.id]);
  const emea = await createVirtualAccount(account.id, { name: "EMEA" });
  const france = await createVirtualAccount(account.id, { name: "France", parentId: emea.id });
  const paris = await createVirtualAccount(account.id, { name: "Paris", parentId: france.id });
  const americas = await createVirtualAccount(account.id, { name: "Americas" });
  const vaAdmin = async (vaId: string) => {
    const user = await createUser();
    const m = await createMembership(user.id, account.id, "VIEWER", { scope: "VIRTUAL_ACCOUNTS" });
    await createGrant(m.id, vaId, "ADMIN", { includeSubAccounts: true });
    return user;
  };
  const vera = await vaAdmin(emea.id);
  const otto = await vaAdmin(americas.id);
  const user = await createUser();
  await createMembership(user.id, account.id, "USER");
  const viewer = await createUser();
  await createMembership(viewer.id, account.id, "VIEWER");
  const support = await createUser({ platformRole: "SUPPORT" });
  return {
    account,
    other,
    admin,
    otherAdmin,
    vera,
    otto,
    user,
    viewer,
    support,
    emea,
    france,
    paris,
    americas,
  };
}

type World = Awaited<ReturnType<typeof world>>;
type Role = "admin" | "vera" | "otto" | "user" | "viewer" | "support" | "otherAdmin";
const roles: Role[] = ["admin", "vera", "otto", "user", "viewer", "support", "otherAdmin"];

/** What became of a call: "ok", or the refusal's code (and reason). */
async function outcome(promise: Promise<unknown>): Promise<string> {
  const result = await promise.then(
    () => "ok",
    (error: unknown) => error,
  );
  if (result === "ok") return "ok";
  const { code, details } = await appErrorOf(Promise.reject(result as Error));
  return details.reason ? `${code} ${String(details.reason)}` : code;
}

const as = (w: World, role: Role) => actorOf(w[role] as User);

describe("who may change which part of the tree", () => {
  it("adding a sub-account below France", async () => {
    const results: Record<string, string> = {};
    for (const role of roles) {
      const w = await world();
      results[role] = await outcome(
        createVirtualAccountMutation.execute(as(w, role), {
          accountId: w.account.id,
          parentId: w.france.id,
          name: "Lyon",
        }),
      );
    }
    expect(results).toEqual({
      admin: "ok",
      vera: "ok",
      otto: "FORBIDDEN outsideBranch",
      user: "NOT_FOUND",
      viewer: "NOT_FOUND",
      support: "FORBIDDEN",
      otherAdmin: "NOT_FOUND",
    });
  });

  it("adding a virtual account at the top: Smart Account Administrators only", async () => {
    const results: Record<string, string> = {};
    for (const role of roles) {
      const w = await world();
      results[role] = await outcome(
        createVirtualAccountMutation.execute(as(w, role), {
          accountId: w.account.id,
          parentId: null,
          name: "APAC",
        }),
      );
    }
    expect(results).toEqual({
      admin: "ok",
      vera: "FORBIDDEN outsideBranch",
      otto: "FORBIDDEN outsideBranch",
      user: "NOT_FOUND",
      viewer: "NOT_FOUND",
      support: "FORBIDDEN",
      otherAdmin: "NOT_FOUND",
    });
  });

  it("renaming, moving and deleting France (inside Vera's branch) and EMEA (its top)", async () => {
    const results: Record<string, string[]> = {};
    for (const role of roles) {
      const w = await world();
      const actor = as(w, role);
      const accountId = w.account.id;
      results[role] = [
        await outcome(
          renameVirtualAccount.execute(actor, {
            accountId,
            virtualAccountId: w.france.id,
            name: "La France",
          }),
        ),
        await outcome(
          renameVirtualAccount.execute(actor, {
            accountId,
            virtualAccountId: w.emea.id,
            name: "Europe",
          }),
        ),
        await outcome(
          moveVirtualAccount.execute(actor, {
            accountId,
            virtualAccountId: w.paris.id,
            parentId: w.emea.id,
          }),
        ),
        await outcome(
          deleteVirtualAccount.execute(actor, { accountId, virtualAccountId: w.paris.id }),
        ),
      ];
    }
    expect(results).toEqual({
      admin: ["ok", "ok", "ok", "ok"],
      vera: ["ok", "FORBIDDEN branchRoot", "ok", "ok"],
      otto: ["NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND"],
      user: ["NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND"],
      viewer: ["NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND"],
      support: ["FORBIDDEN", "FORBIDDEN", "FORBIDDEN", "FORBIDDEN"],
      otherAdmin: ["NOT_FOUND", "NOT_FOUND", "NOT_FOUND", "NOT_FOUND"],
    });
  });

  it("another account's administrator reaches nothing of it, even naming their own account", async () => {
    const w = await world();
    // Their own account in the input, this account's virtual account: not theirs.
    expect(
      await outcome(
        renameVirtualAccount.execute(as(w, "otherAdmin"), {
          accountId: w.other.id,
          virtualAccountId: w.france.id,
          name: "Mine",
        }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await outcome(
        createVirtualAccountMutation.execute(as(w, "otherAdmin"), {
          accountId: w.other.id,
          parentId: w.france.id,
          name: "Mine",
        }),
      ),
    ).toBe("CONFLICT parentUnknown");
    expect((await db.virtualAccount.findUniqueOrThrow({ where: { id: w.france.id } })).name).toBe(
      "France",
    );
  });

  it("a Virtual Account Administrator moves nothing out of their branch, nor anything into it from outside", async () => {
    const w = await world();
    const vera = as(w, "vera");
    const accountId = w.account.id;
    expect(
      await outcome(
        moveVirtualAccount.execute(vera, {
          accountId,
          virtualAccountId: w.france.id,
          parentId: null,
        }),
      ),
    ).toBe("FORBIDDEN outsideBranch");
    expect(
      await outcome(
        moveVirtualAccount.execute(vera, {
          accountId,
          virtualAccountId: w.france.id,
          parentId: w.americas.id,
        }),
      ),
    ).toBe("FORBIDDEN outsideBranch");
    expect(
      await outcome(
        moveVirtualAccount.execute(vera, {
          accountId,
          virtualAccountId: w.americas.id,
          parentId: w.emea.id,
        }),
      ),
    ).toBe("NOT_FOUND");
  });

  it("a Virtual Account Administrator granted without sub-accounts adds below theirs but reshapes nothing", async () => {
    const w = await world();
    const flat = await createUser();
    const m = await createMembership(flat.id, w.account.id, "VIEWER", {
      scope: "VIRTUAL_ACCOUNTS",
    });
    await createGrant(m.id, w.france.id, "ADMIN");
    const actor = actorOf(flat);
    const accountId = w.account.id;
    const lyon = await createVirtualAccountMutation.execute(actor, {
      accountId,
      parentId: w.france.id,
      name: "Lyon",
    });
    expect(lyon).toMatchObject({ name: "Lyon", parentId: w.france.id, depth: 3 });
    expect(lyon.path).toEqual(["EMEA", "France", "Lyon"]);
    // Lyon is not theirs (France was granted without its sub-accounts), France is their top.
    expect(
      await outcome(
        renameVirtualAccount.execute(actor, { accountId, virtualAccountId: lyon.id, name: "L" }),
      ),
    ).toBe("NOT_FOUND");
    expect(
      await outcome(
        renameVirtualAccount.execute(actor, {
          accountId,
          virtualAccountId: w.france.id,
          name: "F",
        }),
      ),
    ).toBe("FORBIDDEN branchRoot");
  });

  it("an ended or disabled administrator changes nothing", async () => {
    const w = await world();
    await db.membership.updateMany({
      where: { userId: w.vera.id },
      data: { endsAt: new Date(Date.now() - 1000) },
    });
    await db.user.update({ where: { id: w.admin.id }, data: { disabledAt: new Date() } });
    for (const role of ["vera", "admin"] as const)
      expect(
        await outcome(
          renameVirtualAccount.execute(as(w, role), {
            accountId: w.account.id,
            virtualAccountId: w.france.id,
            name: "Gone",
          }),
        ),
      ).toBe("NOT_FOUND");
  });
});

describe("the tree's rules, as clear refusals", () => {
  let w: World;
  beforeAll(async () => {
    w = await world();
  });
  const admin = () => as(w, "admin");

  it("names: trimmed, 1 to 100 characters, one line, storable", async () => {
    const accountId = w.account.id;
    const tries: Record<string, string> = {};
    for (const [label, name] of Object.entries({
      empty: "   ",
      long: "x".repeat(101),
      newline: "Two\nlines",
      tab: "a\tb",
      nul: "a\u0000b",
      lone: "\ud800",
      number: 42,
    })) {
      const error = await appErrorOf(
        createVirtualAccountMutation.execute(admin(), { accountId, parentId: null, name }),
      );
      tries[label] = `${error.code} ${Object.values(error.details.fieldErrors as object)[0]}`;
    }
    expect(tries).toEqual({
      empty: "VALIDATION nameRequired",
      long: "VALIDATION nameTooLong",
      newline: "VALIDATION nameInvalid",
      tab: "VALIDATION nameInvalid",
      nul: "VALIDATION invalidCharacters",
      lone: "VALIDATION invalidCharacters",
      number: "VALIDATION nameRequired",
    });
    const made = await createVirtualAccountMutation.execute(admin(), {
      accountId,
      parentId: "",
      name: `  ${"y".repeat(100)}  `,
    });
    expect(made).toMatchObject({ name: "y".repeat(100), parentId: null, depth: 1 });
  });

  it("a name taken among the new siblings, on create, rename and move", async () => {
    const accountId = w.account.id;
    const actor = admin();
    await createVirtualAccount(accountId, { name: "Germany", parentId: w.emea.id });
    await createVirtualAccount(accountId, { name: "France", parentId: w.americas.id });
    const refusals = [
      await outcome(
        createVirtualAccountMutation.execute(actor, {
          accountId,
          parentId: w.emea.id,
          name: "France",
        }),
      ),
      await outcome(
        createVirtualAccountMutation.execute(actor, { accountId, parentId: null, name: "DEFAULT" }),
      ),
      await outcome(
        renameVirtualAccount.execute(actor, {
          accountId,
          virtualAccountId: w.france.id,
          name: "Germany",
        }),
      ),
      await outcome(
        moveVirtualAccount.execute(actor, {
          accountId,
          virtualAccountId: w.france.id,
          parentId: w.americas.id,
        }),
      ),
    ];
    expect(refusals).toEqual(Array(4).fill("CONFLICT nameTaken"));
    // The same name under another parent is fine.
    await createVirtualAccountMutation.execute(actor, {
      accountId,
      parentId: w.paris.id,
      name: "France",
    });
  });

  it("never below itself, never deeper than 6 levels, DEFAULT kept, a parent of the account", async () => {
    const accountId = w.account.id;
    const actor = admin();
    const defaultVa = await defaultVirtualAccountOf(accountId);
    // EMEA > France > Paris > 4 > 5 > 6
    const l4 = await createVirtualAccount(accountId, { name: "L4", parentId: w.paris.id });
    const l5 = await createVirtualAccount(accountId, { name: "L5", parentId: l4.id });
    const l6 = await createVirtualAccount(accountId, { name: "L6", parentId: l5.id });
    const foreign = await createVirtualAccount(w.other.id, { name: "Foreign" });
    const mexico = await createVirtualAccount(accountId, {
      name: "Mexico",
      parentId: w.americas.id,
    });
    expect([
      await outcome(
        moveVirtualAccount.execute(actor, {
          accountId,
          virtualAccountId: w.emea.id,
          parentId: w.paris.id,
        }),
      ),
      await outcome(
        moveVirtualAccount.execute(actor, {
          accountId,
          virtualAccountId: w.emea.id,
          parentId: w.emea.id,
        }),
      ),
      await outcome(
        createVirtualAccountMutation.execute(actor, { accountId, parentId: l6.id, name: "L7" }),
      ),
      // France's subtree is 5 levels: below Americas / Mexico it would reach 7.
      await outcome(
        moveVirtualAccount.execute(actor, {
          accountId,
          virtualAccountId: w.france.id,
          parentId: mexico.id,
        }),
      ),
      await outcome(
        renameVirtualAccount.execute(actor, {
          accountId,
          virtualAccountId: defaultVa.id,
          name: "Main",
        }),
      ),
      await outcome(
        moveVirtualAccount.execute(actor, {
          accountId,
          virtualAccountId: defaultVa.id,
          parentId: w.emea.id,
        }),
      ),
      await outcome(
        deleteVirtualAccount.execute(actor, { accountId, virtualAccountId: defaultVa.id }),
      ),
      await outcome(
        createVirtualAccountMutation.execute(actor, {
          accountId,
          parentId: foreign.id,
          name: "X",
        }),
      ),
      await outcome(
        createVirtualAccountMutation.execute(actor, {
          accountId,
          parentId: "no-such-virtual-account",
          name: "X",
        }),
      ),
    ]).toEqual([
      "CONFLICT belowItself",
      "CONFLICT belowItself",
      "CONFLICT tooDeep",
      "CONFLICT tooDeep",
      "CONFLICT defaultKept",
      "CONFLICT defaultKept",
      "CONFLICT defaultKept",
      "CONFLICT parentUnknown",
      "CONFLICT parentUnknown",
    ]);
    // A move that fits: Paris's 4-level subtree to the top.
    const moved = await moveVirtualAccount.execute(actor, {
      accountId,
      virtualAccountId: w.paris.id,
      parentId: null,
    });
    expect(moved).toMatchObject({ path: ["Paris"], depth: 1 });
    expect((await db.virtualAccount.findUniqueOrThrow({ where: { id: l6.id } })).path).toEqual([
      w.paris.id,
      l4.id,
      l5.id,
      l6.id,
    ]);
    await moveVirtualAccount.execute(actor, {
      accountId,
      virtualAccountId: w.paris.id,
      parentId: w.france.id,
    });
  });

  it("two moves at once, each putting the other below it: one goes, the other is refused (the tree is locked)", async () => {
    const accountId = w.account.id;
    const [a, b] = await Promise.all([
      createVirtualAccount(accountId, { name: "Race A" }),
      createVirtualAccount(accountId, { name: "Race B" }),
    ]);
    const results = await Promise.all([
      outcome(
        moveVirtualAccount.execute(admin(), { accountId, virtualAccountId: a.id, parentId: b.id }),
      ),
      outcome(
        moveVirtualAccount.execute(admin(), { accountId, virtualAccountId: b.id, parentId: a.id }),
      ),
    ]);
    expect(results.sort()).toEqual(["CONFLICT belowItself", "ok"]);
    const rows = await db.virtualAccount.findMany({ where: { id: { in: [a.id, b.id] } } });
    expect(rows.filter((row) => row.parentId === null)).toHaveLength(1);
  });

  it("what the database still refuses (a race past the checks) is the same refusal, not a 500", async () => {
    const accountId = w.account.id;
    const write = (data: { name: string; parentId: string | null }) =>
      writeTree(() => db.virtualAccount.create({ data: { accountId, ...data } }), "tooDeep");
    expect(await outcome(write({ name: "EMEA", parentId: null }))).toBe("CONFLICT nameTaken");
    const defaultVa = await defaultVirtualAccountOf(accountId);
    expect(
      await outcome(
        writeTree(() => db.virtualAccount.delete({ where: { id: defaultVa.id } }), "defaultKept"),
      ),
    ).toBe("CONFLICT defaultKept");
    expect(
      await outcome(
        writeTree(
          () =>
            db.virtualAccount.update({ where: { id: w.emea.id }, data: { parentId: w.paris.id } }),
          "belowItself",
        ),
      ),
    ).toBe("CONFLICT belowItself");
    expect(await outcome(write({ name: "Orphan", parentId: "nowhere" }))).toBe(
      "CONFLICT parentUnknown",
    );
  });

  it("every change is audited with what it was and what it became", async () => {
    const accountId = w.account.id;
    const actor = admin();
    const made = await createVirtualAccountMutation.execute(actor, {
      accountId,
      parentId: w.americas.id,
      name: "Canada",
    });
    await renameVirtualAccount.execute(actor, {
      accountId,
      virtualAccountId: made.id,
      name: "Kanada",
    });
    await moveVirtualAccount.execute(actor, {
      accountId,
      virtualAccountId: made.id,
      parentId: null,
    });
    // The same name, the same place: nothing to audit.
    await renameVirtualAccount.execute(actor, {
      accountId,
      virtualAccountId: made.id,
      name: "Kanada",
    });
    await deleteVirtualAccount.execute(actor, { accountId, virtualAccountId: made.id });
    expect(await auditOf(made.id)).toEqual([
      {
        action: "virtualAccount.created",
        actorId: w.admin.id,
        before: null,
        after: { name: "Canada", parentId: w.americas.id, path: ["Americas", "Canada"], accountId },
      },
      {
        action: "virtualAccount.renamed",
        actorId: w.admin.id,
        before: { name: "Canada", parentId: w.americas.id, path: ["Americas", "Canada"] },
        after: { name: "Kanada", parentId: w.americas.id, path: ["Americas", "Kanada"], accountId },
      },
      {
        action: "virtualAccount.moved",
        actorId: w.admin.id,
        before: { name: "Kanada", parentId: w.americas.id, path: ["Americas", "Kanada"] },
        after: { name: "Kanada", parentId: null, path: ["Kanada"], accountId },
      },
      {
        action: "virtualAccount.deleted",
        actorId: w.admin.id,
        before: {
          name: "Kanada",
          parentId: null,
          path: ["Kanada"],
          deletes: [{ id: made.id, path: ["Kanada"] }],
          people: [],
        },
        after: { accountId },
      },
    ]);
  });
});

describe("deleting a virtual account with sub-accounts and people", () => {
  async function peopled() {
    const w = await world();
    const granted = async (
      firstName: string,
      grants: string[],
      locale: "en" | "fr" = "en",
    ): Promise<{ user: User; membershipId: string }> => {
      const user = await createUser({ firstName, lastName: "Granted", locale });
      const m = await createMembership(user.id, w.account.id, "VIEWER", {
        scope: "VIRTUAL_ACCOUNTS",
      });
      for (const va of grants) await createGrant(m.id, va, "USER");
      return { user, membershipId: m.id };
    };
    const only = await granted("Fanny", [w.france.id], "fr");
    const both = await granted("Bea", [w.paris.id, w.americas.id]);
    const elsewhere = await granted("Eli", [w.americas.id]);
    await createWebhookEndpoint({
      accountId: w.account.id,
      createdById: w.admin.id,
      events: ["membership.removed", "membership.changed"],
    });
    return { ...w, only, both, elsewhere };
  }

  it("the preview says what goes, who loses access there and who loses all access", async () => {
    const w = await peopled();
    const preview = await deletionPreview(w.vera, w.account.id, w.france.id);
    expect(preview).toMatchObject({
      virtualAccount: { name: "France", path: ["EMEA", "France"] },
      deletes: [
        { id: w.france.id, path: ["EMEA", "France"] },
        { id: w.paris.id, path: ["EMEA", "France", "Paris"] },
      ],
      people: [
        {
          name: "Bea Granted",
          losesAllAccess: false,
          grants: [["EMEA", "France", "Paris"]],
        },
        { name: "Fanny Granted", losesAllAccess: true, grants: [["EMEA", "France"]] },
      ],
      needsConfirmation: true,
      confirm: expect.stringMatching(/^[\w-]{22}$/),
    });
    // The page shows the same preview on France's node.
    const view = await virtualAccountsView(w.vera, w.account.id);
    expect(view!.nodes.find((node) => node.id === w.france.id)!.deletion).toEqual(preview);
    // Nobody else may preview it.
    for (const role of ["otto", "user", "support", "otherAdmin"] as const)
      expect((await appErrorOf(deletionPreview(w[role], w.account.id, w.france.id))).code).toBe(
        "NOT_FOUND",
      );
  });

  it("is refused without the preview's confirmation, and with a stale one, changing nothing", async () => {
    const w = await peopled();
    const accountId = w.account.id;
    const unconfirmed = await appErrorOf(
      deleteVirtualAccount.execute(as(w, "admin"), { accountId, virtualAccountId: w.france.id }),
    );
    expect(unconfirmed).toMatchObject({
      code: "CONFLICT",
      details: { reason: "deleteUnconfirmed" },
    });
    const { confirm } = await deletionPreview(w.admin, accountId, w.france.id);
    // Meanwhile someone is granted Paris: the preview no longer says what would happen.
    const late = await createUser();
    const m = await createMembership(late.id, accountId, "VIEWER", { scope: "VIRTUAL_ACCOUNTS" });
    await createGrant(m.id, w.paris.id, "VIEWER");
    const stale = await appErrorOf(
      deleteVirtualAccount.execute(as(w, "admin"), {
        accountId,
        virtualAccountId: w.france.id,
        confirm,
      }),
    );
    expect(stale).toMatchObject({ code: "CONFLICT", details: { reason: "deleteStale" } });
    expect(stale.details.confirm).not.toBe(confirm);
    expect(
      await db.virtualAccount.count({ where: { id: { in: [w.france.id, w.paris.id] } } }),
    ).toBe(2);
    expect((await membershipOf(w.only.membershipId)).active).toBe(true);
    // An empty leaf needs no confirmation.
    const leaf = await createVirtualAccount(accountId, { name: "Empty", parentId: w.americas.id });
    await deleteVirtualAccount.execute(as(w, "admin"), { accountId, virtualAccountId: leaf.id });
    expect(await db.virtualAccount.count({ where: { id: leaf.id } })).toBe(0);
  });

  it("confirmed: the subtree and its grants go; a person left with nothing is removed, emailed in their language, and a webhook fires", async () => {
    const w = await peopled();
    const accountId = w.account.id;
    const { confirm } = await deletionPreview(w.vera, accountId, w.france.id);
    const outcome = await deleteVirtualAccount.execute(as(w, "vera"), {
      accountId,
      virtualAccountId: w.france.id,
      confirm,
    });
    expect(outcome).toMatchObject({ removed: 1, narrowed: 1 });
    expect(outcome.deleted.map((va) => va.name)).toEqual(["France", "Paris"]);
    expect(
      await db.virtualAccount.count({ where: { id: { in: [w.france.id, w.paris.id] } } }),
    ).toBe(0);
    // Fanny's only grant was on France: her access ended, as a removal.
    expect(await membershipOf(w.only.membershipId)).toMatchObject({
      active: false,
      endCause: "REMOVED",
    });
    expect(await auditOf(w.only.membershipId)).toEqual([
      expect.objectContaining({
        action: "membership.removed",
        actorId: w.vera.id,
        after: expect.objectContaining({ endCause: "REMOVED", virtualAccountDeleted: w.france.id }),
      }),
    ]);
    const [email] = await emailsTo(w.only.user.email);
    expect(email).toMatchObject({ template: "membership-removed", locale: "fr" });
    const rendered = await renderEmail(email!.template, "fr", email!.payload);
    expect(rendered.subject).toContain("Tree Corp");
    // Bea keeps Americas: her membership stays, with that grant only; she is not emailed.
    expect(await membershipOf(w.both.membershipId)).toMatchObject({ active: true });
    expect(
      await db.virtualAccountGrant.findMany({
        where: { membershipId: w.both.membershipId },
        select: { virtualAccountId: true },
      }),
    ).toEqual([{ virtualAccountId: w.americas.id }]);
    expect(await emailsTo(w.both.user.email)).toEqual([]);
    expect((await auditOf(w.both.membershipId)).map((event) => event.action)).toEqual([
      "membership.grantsRemoved",
    ]);
    // Eli was not granted there: untouched.
    expect(await auditOf(w.elsewhere.membershipId)).toEqual([]);
    const deliveries = await db.webhookDelivery.findMany({
      where: { endpoint: { accountId } },
      select: { eventType: true, payload: true },
      orderBy: { eventType: "asc" },
    });
    expect(deliveries.map((delivery) => delivery.eventType)).toEqual([
      "membership.changed",
      "membership.removed",
    ]);
    expect(JSON.stringify(deliveries[1]!.payload)).toContain(w.only.user.email);
  });
});

describe("the virtual-accounts page's read", () => {
  it("a Smart Account Administrator sees the whole tree, in order, with counts and actions", async () => {
    const w = await world();
    const granted = await createUser();
    const m = await createMembership(granted.id, w.account.id, "VIEWER", {
      scope: "VIRTUAL_ACCOUNTS",
    });
    await createGrant(m.id, w.france.id, "USER");
    const view = await virtualAccountsView(w.admin, w.account.id);
    expect(view).toMatchObject({
      account: { name: "Tree Corp" },
      readOnly: false,
      wholeTree: true,
      canAddRoot: true,
      // Alice, the User and the Viewer.
      accountWideMembers: 3,
    });
    expect(view!.nodes.map((node) => [node.path.join("/"), node.members])).toEqual([
      ["DEFAULT", 0],
      ["Americas", 1],
      ["EMEA", 1],
      ["EMEA/France", 1],
      ["EMEA/France/Paris", 0],
    ]);
    const byName = new Map(view!.nodes.map((node) => [node.name, node]));
    expect(byName.get("DEFAULT")!.can).toEqual({
      addChild: true,
      rename: false,
      move: false,
      delete: false,
    });
    expect(byName.get("France")!.can).toEqual({
      addChild: true,
      rename: true,
      move: true,
      delete: true,
    });
    // France may go to the top, under DEFAULT or Americas; not where it is, nor below itself.
    expect(byName.get("France")!.moveTargets).toEqual([
      null,
      (await defaultVirtualAccountOf(w.account.id)).id,
      w.americas.id,
    ]);
  });

  it("Vera sees her branch only, and Americas not at all", async () => {
    const w = await world();
    const view = await virtualAccountsView(w.vera, w.account.id);
    expect(view).toMatchObject({ readOnly: false, wholeTree: false, canAddRoot: false });
    expect(view!.accountWideMembers).toBeNull();
    expect(view!.nodes.map((node) => [node.name, node.can.rename])).toEqual([
      ["EMEA", false],
      ["France", true],
      ["Paris", true],
    ]);
    expect(JSON.stringify(view)).not.toContain("Americas");
  });

  it("support staff read the whole tree, changing nothing; anyone else gets nothing", async () => {
    const w = await world();
    const view = await virtualAccountsView(w.support, w.account.id);
    expect(view).toMatchObject({ readOnly: true, wholeTree: true, canAddRoot: false });
    expect(view!.nodes).toHaveLength(5);
    expect(view!.nodes.every((node) => !Object.values(node.can).some(Boolean))).toBe(true);
    for (const role of ["user", "viewer", "otherAdmin"] as const)
      expect(await virtualAccountsView(w[role], w.account.id)).toBeNull();
    expect(await virtualAccountsView(w.admin, "no-such-account")).toBeNull();
    expect(await virtualAccountsView(w.admin, "a\u0000b")).toBeNull();
    expect(await virtualAccountsView(w.admin, "\ud800")).toBeNull();
  });
});
