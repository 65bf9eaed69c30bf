import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import * as accessCheckRoute from "@/app/api/v1/accounts/[accountId]/members/[email]/route";
import { db } from "@/lib/db/client";
import {
  createAccount,
  createAdmin,
  createGrant,
  createMembership,
  createUser,
  createVirtualAccount,
  defaultVirtualAccountOf,
} from "../factories";
import { hostileQuery } from "../support/hostile-input";
import { api, tokenFor } from "./api-client";

/*
 * The access check with virtual accounts (issue 27): GET /accounts/{accountId}/members/{email}
 * answers the membership's scope; a member of virtual accounts has no Smart Account role (null,
 * never the placeholder in their membership's own column) and their virtual accounts; with
 * `?virtualAccount=<id>` the effective role there and how it is held (the rule effective_role),
 * 404 when there is none there or the virtual account is another account's; a malformed
 * parameter is a 400. The account's tree:
 *
 *   Acme ─┬─ DEFAULT
 *         ├─ EMEA ── France ── Paris
 *         └─ Americas
 */

const HOUR_MS = 3600_000;

interface World {
  accountId: string;
  token: string;
  va: Record<"DEFAULT" | "EMEA" | "France" | "Paris" | "Americas" | "otherAccount", string>;
  people: Record<"accountUser" | "emeaAdmin" | "franceViewer" | "ended" | "disabled", string>;
  memberships: Record<"accountUser" | "emeaAdmin", { since: string; until: string | null }>;
}

let w: World;

beforeAll(async () => {
  const account = await createAccount();
  const other = await createAccount();
  const admin = await createAdmin([account.id]);
  const { token } = await tokenFor(admin, { scopes: ["members:read"] });
  const root = await defaultVirtualAccountOf(account.id);
  const emea = await createVirtualAccount(account.id, { name: "EMEA" });
  const france = await createVirtualAccount(account.id, { name: "France", parentId: emea.id });
  const paris = await createVirtualAccount(account.id, { name: "Paris", parentId: france.id });
  const americas = await createVirtualAccount(account.id, { name: "Americas" });
  const otherVa = await createVirtualAccount(other.id, { name: "EMEA" });

  const [accountUser, emeaAdmin, franceViewer, ended, disabled] = await Promise.all(
    Array.from({ length: 5 }, () => createUser()),
  );
  const endsAt = new Date(Date.now() + 48 * HOUR_MS);
  const accountMembership = await createMembership(accountUser!.id, account.id, "USER", {
    endsAt,
  });
  // A member of virtual accounts: their membership's own column holds the placeholder VIEWER.
  const emeaMembership = await createMembership(emeaAdmin!.id, account.id, "VIEWER", {
    scope: "VIRTUAL_ACCOUNTS",
  });
  await createGrant(emeaMembership.id, emea.id, "ADMIN", { includeSubAccounts: true });
  await createGrant(emeaMembership.id, americas.id, "USER");
  const franceMembership = await createMembership(franceViewer!.id, account.id, "VIEWER", {
    scope: "VIRTUAL_ACCOUNTS",
  });
  await createGrant(franceMembership.id, france.id, "VIEWER");
  // Someone whose grants ended with their membership, and someone disabled: nobody.
  const endedMembership = await createMembership(ended!.id, account.id, "VIEWER", {
    scope: "VIRTUAL_ACCOUNTS",
    active: false,
  });
  await createGrant(endedMembership.id, emea.id, "ADMIN", { includeSubAccounts: true });
  const disabledMembership = await createMembership(disabled!.id, account.id, "VIEWER", {
    scope: "VIRTUAL_ACCOUNTS",
  });
  await createGrant(disabledMembership.id, emea.id, "ADMIN", { includeSubAccounts: true });
  await db.user.update({ where: { id: disabled!.id }, data: { disabledAt: new Date() } });

  const sinceOf = async (id: string) =>
    (await db.membership.findUniqueOrThrow({ where: { id } })).grantedAt.toISOString();
  w = {
    accountId: account.id,
    token,
    va: {
      DEFAULT: root.id,
      EMEA: emea.id,
      France: france.id,
      Paris: paris.id,
      Americas: americas.id,
      otherAccount: otherVa.id,
    },
    people: {
      accountUser: accountUser!.email,
      emeaAdmin: emeaAdmin!.email,
      franceViewer: franceViewer!.email,
      ended: ended!.email,
      disabled: disabled!.email,
    },
    memberships: {
      accountUser: { since: await sinceOf(accountMembership.id), until: endsAt.toISOString() },
      emeaAdmin: { since: await sinceOf(emeaMembership.id), until: null },
    },
  };
});

const check = (email: string, virtualAccount?: string) =>
  api.checkAccess(w.accountId, email, {
    token: w.token,
    query: virtualAccount === undefined ? {} : { virtualAccount },
  });

describe("the access check without a virtual account", () => {
  it("answers a member of the whole account with their Smart Account role and scope account", async () => {
    const answer = await check(w.people.accountUser);
    expect([answer.status, answer.json]).toEqual([
      200,
      {
        accountId: w.accountId,
        email: w.people.accountUser,
        scope: "account",
        role: "USER",
        ...w.memberships.accountUser,
      },
    ]);
  });

  it("answers a member of virtual accounts with no Smart Account role (never the placeholder) and their grants", async () => {
    const answer = await check(w.people.emeaAdmin);
    expect(answer.status).toBe(200);
    expect(answer.json).toEqual({
      accountId: w.accountId,
      email: w.people.emeaAdmin,
      scope: "virtualAccounts",
      role: null,
      virtualAccounts: expect.arrayContaining([
        { id: w.va.EMEA, role: "ADMIN", includeSubAccounts: true },
        { id: w.va.Americas, role: "USER", includeSubAccounts: false },
      ]) as unknown,
      ...w.memberships.emeaAdmin,
    });
    expect(answer.json.virtualAccounts).toHaveLength(2);
  });

  it("answers 404 for an ended membership and a disabled user, as for a stranger", async () => {
    const answers = await Promise.all(
      [w.people.ended, w.people.disabled, "nobody@example.com"].map((email) => check(email)),
    );
    expect(answers.map((answer) => [answer.status, answer.json.code])).toEqual(
      Array(3).fill([404, "NOT_FOUND"]),
    );
  });
});

describe("the access check with ?virtualAccount=", () => {
  it.each([
    [
      "a member of the whole account, on a deep virtual account",
      "accountUser",
      "Paris",
      "USER",
      "account",
      "account",
    ],
    [
      "a member of the whole account, on DEFAULT",
      "accountUser",
      "DEFAULT",
      "USER",
      "account",
      "account",
    ],
    [
      "a grant on the virtual account itself",
      "emeaAdmin",
      "EMEA",
      "ADMIN",
      "direct",
      "virtualAccounts",
    ],
    [
      "a grant with sub-accounts on an ancestor",
      "emeaAdmin",
      "France",
      "ADMIN",
      "inherited",
      "virtualAccounts",
    ],
    [
      "a grant with sub-accounts, two levels up",
      "emeaAdmin",
      "Paris",
      "ADMIN",
      "inherited",
      "virtualAccounts",
    ],
    ["a grant without sub-accounts", "emeaAdmin", "Americas", "USER", "direct", "virtualAccounts"],
    [
      "a VIEWER grant on its own virtual account",
      "franceViewer",
      "France",
      "VIEWER",
      "direct",
      "virtualAccounts",
    ],
  ] as const)(
    "%s: the effective role there and how it is held",
    async (_name, person, va, role, heldAs, scope) => {
      const answer = await check(w.people[person], w.va[va]);
      expect([answer.status, answer.json]).toEqual([
        200,
        {
          accountId: w.accountId,
          email: w.people[person],
          scope,
          role,
          virtualAccountId: w.va[va],
          heldAs,
          ...(person === "accountUser"
            ? w.memberships.accountUser
            : { since: expect.any(String) as unknown, until: null }),
        },
      ]);
    },
  );

  it.each([
    ["no grant there (a grant without sub-accounts is not inherited)", "franceViewer", "Paris"],
    ["no grant there (a sibling branch)", "emeaAdmin", "DEFAULT"],
    ["an ended membership, whatever its grants", "ended", "France"],
    ["a disabled user, whatever their grants", "disabled", "EMEA"],
    ["another account's virtual account (a Smart Account member)", "accountUser", "otherAccount"],
    [
      "another account's virtual account (a member of virtual accounts)",
      "emeaAdmin",
      "otherAccount",
    ],
    ["a virtual account that does not exist", "accountUser", "none"],
  ] as const)("%s: 404 with a problem", async (_name, person, va) => {
    const answer = await check(w.people[person], va === "none" ? "no-such-va" : w.va[va]);
    expect([answer.status, answer.headers.get("content-type"), answer.json.code]).toEqual([
      404,
      "application/problem+json",
      "NOT_FOUND",
    ]);
  });

  it("answers a stranger's check with a virtual account as any stranger's: 404", async () => {
    const stranger = await createUser();
    const [plain, withVa] = await Promise.all([
      check(stranger.email),
      check(stranger.email, w.va.EMEA),
    ]);
    expect([plain.status, withVa.status]).toEqual([404, 404]);
  });

  it("answers a token that does not reach the account 404, with or without a virtual account", async () => {
    const elsewhere = await createAccount();
    const outsider = await createAdmin([elsewhere.id]);
    const { token } = await tokenFor(outsider, { scopes: ["members:read"] });
    const answers = await Promise.all(
      [undefined, w.va.EMEA].map((virtualAccount) =>
        api.checkAccess(w.accountId, w.people.emeaAdmin, {
          token,
          query: virtualAccount ? { virtualAccount } : {},
        }),
      ),
    );
    expect(answers.map((answer) => answer.status)).toEqual([404, 404]);
  });

  it.each([
    ["empty", ""],
    ["blank", "   "],
    ["a path of names", "EMEA/France"],
    ["SQL", "x' OR '1'='1"],
    ["too long", "a".repeat(101)],
    ["a NUL byte", "va\u0000"],
    ["a control character", "va\u0007x"],
    ["unicode", "ÉMÉA"],
  ])("refuses a hostile parameter (%s) with a 400 problem, never a 5xx", async (_name, value) => {
    const answer = await check(w.people.emeaAdmin, value);
    expect([answer.status, answer.json.code]).toEqual([400, "VALIDATION"]);
  });
});

describe("the access check fed hostile query strings", () => {
  /** The handler called with the query as sent: a parameter may come once, several times, or not at all. */
  async function statusFor(query: Record<string, string | string[] | undefined>) {
    const url = new URL(
      `http://localhost/api/v1/accounts/${w.accountId}/members/${w.people.emeaAdmin}`,
    );
    for (const [name, values] of Object.entries(query))
      for (const value of [values ?? []].flat()) url.searchParams.append(name, value);
    const response = await accessCheckRoute.GET(
      new Request(url, { headers: { authorization: `Bearer ${w.token}` } }),
      { params: Promise.resolve({ accountId: w.accountId, email: w.people.emeaAdmin }) },
    );
    return response.status;
  }

  it("answers 200, 400 or 404, never a 5xx", async () => {
    const seen = new Set<number>();
    await fc.assert(
      fc.asyncProperty(hostileQuery({ virtualAccount: w.va.France }), async (query) => {
        const status = await statusFor(query);
        seen.add(status);
        expect([200, 400, 404]).toContain(status);
      }),
      { numRuns: 150 },
    );
    // The walk reached the handler's answer, not only its refusals.
    expect([...seen]).toContain(200);
    expect([...seen]).toContain(400);
  });
});
