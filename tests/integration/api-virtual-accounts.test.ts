import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import {
  actorOf,
  createAccount,
  createAdmin,
  createApiTokenRow,
  createGrant,
  createMembership,
  createUser,
  createVirtualAccount,
  defaultVirtualAccountOf,
} from "../factories";
import { hostileQuery, hostileText } from "../support/hostile-input";
import { api, tokenFor } from "./api-client";

/*
 * /api/v1/accounts/{accountId}/virtual-accounts (issue 27): the flat list, keyset-paginated, and
 * the changes, which are the page's use cases run as the token's creator.
 */

async function treeWithAdmin() {
  const account = await createAccount({ name: "Api Tree Corp" });
  const admin = await createAdmin([account.id]);
  const emea = await createVirtualAccount(account.id, { name: "EMEA" });
  const france = await createVirtualAccount(account.id, { name: "France", parentId: emea.id });
  const americas = await createVirtualAccount(account.id, { name: "Americas" });
  const { token } = await tokenFor(actorOf(admin), { scopes: ["members:read", "members:write"] });
  return { account, admin, emea, france, americas, token };
}

describe("GET /accounts/{accountId}/virtual-accounts", () => {
  it("lists the tree flat, each with its parent, path of names and depth, page by page", async () => {
    const { account, emea, france, token } = await treeWithAdmin();
    for (let i = 0; i < 30; i++) await createVirtualAccount(account.id, { parentId: france.id });
    const first = await api.listVirtualAccounts(account.id, { token, query: { size: "25" } });
    expect(first.status).toBe(200);
    const firstData = first.json.data as { id: string; name: string }[];
    expect(firstData).toHaveLength(25);
    expect(first.json.previous).toBeNull();
    expect(firstData.slice(0, 4)).toEqual([
      {
        id: (await defaultVirtualAccountOf(account.id)).id,
        name: "DEFAULT",
        parentId: null,
        path: ["DEFAULT"],
        depth: 1,
      },
      { id: emea.id, name: "EMEA", parentId: null, path: ["EMEA"], depth: 1 },
      { id: france.id, name: "France", parentId: emea.id, path: ["EMEA", "France"], depth: 2 },
      expect.objectContaining({ name: "Americas", depth: 1 }),
    ]);
    const second = await api.listVirtualAccounts(account.id, {
      token,
      query: { size: "25", after: first.json.next as string },
    });
    const secondData = second.json.data as { id: string; depth: number }[];
    expect(secondData).toHaveLength(9);
    expect(secondData.every((va) => va.depth === 3)).toBe(true);
    expect(second.json.next).toBeNull();
    const back = await api.listVirtualAccounts(account.id, {
      token,
      query: { size: "25", before: second.json.previous as string },
    });
    expect((back.json.data as { id: string }[]).map((va) => va.id)).toEqual(
      firstData.map((va) => va.id),
    );
    // The default page holds them all.
    expect((await api.listVirtualAccounts(account.id, { token })).json.data).toHaveLength(34);
  });

  it("a cursor the portal did not sign, a bad size: 400; another account, or none: 404", async () => {
    const { account, token } = await treeWithAdmin();
    const other = await createAccount();
    for (const query of [{ after: "forged-cursor" }, { size: "7" }] as Record<string, string>[])
      expect((await api.listVirtualAccounts(account.id, { token, query })).status).toBe(400);
    expect((await api.listVirtualAccounts(other.id, { token })).status).toBe(404);
    expect((await api.listVirtualAccounts("no-such-account", { token })).status).toBe(404);
  });

  it("a token limited to other accounts, or without members:read, reaches nothing", async () => {
    const { account, admin } = await treeWithAdmin();
    const elsewhere = await createAccount();
    await createMembership(admin.id, elsewhere.id, "ADMIN");
    const limited = await tokenFor(actorOf(admin), {
      scopes: ["members:read"],
      accountIds: [elsewhere.id],
    });
    expect((await api.listVirtualAccounts(account.id, { token: limited.token })).status).toBe(404);
    const unscoped = await tokenFor(actorOf(admin), { scopes: ["requests:read"] });
    expect((await api.listVirtualAccounts(account.id, { token: unscoped.token })).status).toBe(403);
  });

  it("a Virtual Account Administrator's token lists their branch only", async () => {
    const { account, emea, france } = await treeWithAdmin();
    const vera = await createUser();
    const m = await createMembership(vera.id, account.id, "VIEWER", { scope: "VIRTUAL_ACCOUNTS" });
    await createGrant(m.id, emea.id, "ADMIN", { includeSubAccounts: true });
    const { token } = await createApiTokenRow(vera.id, { scopes: ["members:read"] });
    const answer = await api.listVirtualAccounts(account.id, { token });
    expect((answer.json.data as { id: string }[]).map((va) => va.id)).toEqual([emea.id, france.id]);
  });
});

describe("changing the tree through the API", () => {
  it("POST creates (201), PATCH renames and moves, DELETE deletes after the preview", async () => {
    const { account, admin, emea, americas, token } = await treeWithAdmin();
    const created = await api.createVirtualAccount(account.id, {
      token,
      body: { name: "  Germany ", parentId: emea.id },
    });
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      name: "Germany",
      parentId: emea.id,
      path: ["EMEA", "Germany"],
      depth: 2,
    });
    const id = created.json.id as string;
    const top = await api.createVirtualAccount(account.id, { token, body: { name: "APAC" } });
    expect(top.json).toMatchObject({ parentId: null, depth: 1 });

    const both = await api.updateVirtualAccount(account.id, id, {
      token,
      body: { name: "Deutschland", parentId: americas.id },
    });
    expect(both.status).toBe(200);
    expect(both.json).toMatchObject({ name: "Deutschland", path: ["Americas", "Deutschland"] });
    const toTop = await api.updateVirtualAccount(account.id, id, {
      token,
      body: { parentId: null },
    });
    expect(toTop.json).toMatchObject({ parentId: null, path: ["Deutschland"] });

    // A member there: the deletion needs the preview's confirmation.
    const person = await createUser();
    const m = await createMembership(person.id, account.id, "VIEWER", {
      scope: "VIRTUAL_ACCOUNTS",
    });
    await createGrant(m.id, id, "USER");
    const unconfirmed = await api.deleteVirtualAccount(account.id, id, { token });
    expect(unconfirmed.status).toBe(409);
    expect(unconfirmed.json).toMatchObject({
      code: "CONFLICT",
      reason: "deleteUnconfirmed",
      confirm: expect.any(String),
    });
    const preview = await api.previewVirtualAccountDeletion(account.id, id, { token });
    expect(preview.status).toBe(200);
    expect(preview.json).toMatchObject({
      deletes: [{ id, path: ["Deutschland"] }],
      people: [{ email: person.email, losesAllAccess: true, grants: [["Deutschland"]] }],
      needsConfirmation: true,
    });
    const stale = await api.deleteVirtualAccount(account.id, id, {
      token,
      query: { confirm: "AAAAAAAAAAAAAAAAAAAAAA" },
    });
    expect(stale.json).toMatchObject({ reason: "deleteStale" });
    const deleted = await api.deleteVirtualAccount(account.id, id, {
      token,
      query: { confirm: preview.json.confirm as string },
    });
    expect(deleted.status).toBe(200);
    expect(deleted.json).toMatchObject({ removed: 1, narrowed: 0 });
    expect(await db.virtualAccount.count({ where: { id } })).toBe(0);
    expect(await db.membership.findUniqueOrThrow({ where: { id: m.id } })).toMatchObject({
      active: false,
      endCause: "REMOVED",
    });
    // Each call is recorded against the token.
    const used = await db.auditEvent.findMany({
      where: { action: "apiToken.used", actorId: admin.id },
      select: { after: true },
    });
    expect(used.map((event) => (event.after as { change: string }).change)).toEqual([
      "virtualAccount.created",
      "virtualAccount.created",
      "virtualAccount.renamed+moved",
      "virtualAccount.moved",
      "virtualAccount.deleted",
    ]);
  });

  it("the tree's refusals are 4xx problems with their reason; a rename and move together change nothing when one is refused", async () => {
    const { account, emea, france, token } = await treeWithAdmin();
    const defaultVa = await defaultVirtualAccountOf(account.id);
    const calls = {
      nameTaken: await api.createVirtualAccount(account.id, { token, body: { name: "EMEA" } }),
      nameInvalid: await api.createVirtualAccount(account.id, {
        token,
        body: { name: "a\u0007b" },
      }),
      empty: await api.updateVirtualAccount(account.id, france.id, { token, body: {} }),
      defaultKept: await api.updateVirtualAccount(account.id, defaultVa.id, {
        token,
        body: { name: "Main" },
      }),
      belowItself: await api.updateVirtualAccount(account.id, emea.id, {
        token,
        body: { name: "Europe", parentId: france.id },
      }),
      unknown: await api.updateVirtualAccount(account.id, "no-such-va", {
        token,
        body: { name: "X" },
      }),
      defaultDelete: await api.deleteVirtualAccount(account.id, defaultVa.id, { token }),
      notJson: await api.createVirtualAccount(account.id, { token, rawBody: "name=x" }),
    };
    expect(
      Object.fromEntries(
        Object.entries(calls).map(([label, answer]) => [
          label,
          [answer.status, answer.json.reason ?? answer.json.errors ?? null],
        ]),
      ),
    ).toEqual({
      nameTaken: [409, "nameTaken"],
      nameInvalid: [400, { name: "nameInvalid" }],
      empty: [400, { _form: "nothingToChange" }],
      defaultKept: [409, "defaultKept"],
      belowItself: [409, "belowItself"],
      unknown: [404, null],
      defaultDelete: [409, "defaultKept"],
      notJson: [400, { _form: "contentType" }],
    });
    // EMEA's rename went back with the refused move.
    expect((await db.virtualAccount.findUniqueOrThrow({ where: { id: emea.id } })).name).toBe(
      "EMEA",
    );
  });

  it("another account's administrator, and a token without members:write, change nothing", async () => {
    const { account, france } = await treeWithAdmin();
    const stranger = await createAdmin([(await createAccount()).id]);
    const { token } = await tokenFor(actorOf(stranger), { scopes: ["members:write"] });
    expect(
      (await api.updateVirtualAccount(account.id, france.id, { token, body: { name: "Mine" } }))
        .status,
    ).toBe(404);
    expect((await api.deleteVirtualAccount(account.id, france.id, { token })).status).toBe(404);
    expect((await api.previewVirtualAccountDeletion(account.id, france.id, { token })).status).toBe(
      404,
    );
    const { admin } = await treeWithAdmin();
    const readOnly = await tokenFor(actorOf(admin), { scopes: ["members:read"] });
    expect(
      (
        await api.createVirtualAccount(account.id, {
          token: readOnly.token,
          body: { name: "X" },
        })
      ).status,
    ).toBe(403);
    expect((await db.virtualAccount.findUniqueOrThrow({ where: { id: france.id } })).name).toBe(
      "France",
    );
  });
});

describe("hostile query strings and path ids", () => {
  it("the list, the preview and the deletion answer 2xx or 4xx, never 5xx", async () => {
    const { account, france, token } = await treeWithAdmin();
    /** As a URL carries them: the first value of each, absent ones left out. */
    const flat = (query: Record<string, string | string[] | undefined>) =>
      Object.fromEntries(
        Object.entries(query).flatMap(([key, value]) => {
          const first = Array.isArray(value) ? value[0] : value;
          return first === undefined ? [] : [[key, first]];
        }),
      ) as Record<string, string>;
    const statuses = new Set<number>();
    await fc.assert(
      fc.asyncProperty(
        hostileQuery({ size: "25", after: "AZrL2x9w", before: "AZrL2x9w", confirm: "AAAA" }),
        fc.oneof(fc.constant(france.id), hostileText),
        async (query, virtualAccountId) => {
          const answers = await Promise.all([
            api.listVirtualAccounts(account.id, { token, query: flat(query) }),
            api.previewVirtualAccountDeletion(account.id, virtualAccountId, { token }),
            api.deleteVirtualAccount(account.id, virtualAccountId, {
              token,
              query: flat(query),
            }),
          ]);
          for (const answer of answers) {
            statuses.add(answer.status);
            expect(answer.status, JSON.stringify(answer.json)).toBeLessThan(500);
          }
        },
      ),
      // Within the token's 60 changes a minute (the deletions), so every call reaches its handler.
      { numRuns: 50 },
    );
    // Some were refused, some accepted: the walk reached the handlers' work.
    expect([...statuses].some((status) => status < 300)).toBe(true);
    expect([...statuses].some((status) => status >= 400)).toBe(true);
  });
});
