import { beforeAll, describe, expect, it } from "vitest";
import { apiScopes, type ApiScope } from "@/lib/api/rules";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import {
  actorOf,
  createAccount,
  createAdmin,
  createMembership,
  createRequest,
  createUser,
} from "../factories";
import { api, tokenFor, type Answer } from "./api-client";

/**
 * The authorization matrix of /api/v1: every endpoint × the scope it needs × an account of the
 * token's creator or another × a revoked or expired token, a disabled creator, a creator who is no
 * longer an administrator, and a token limited to one account. A token never sees another
 * account, never does what its scopes do not allow, and stops working with its creator's role.
 */

interface World {
  creator: Actor;
  own: { id: string };
  other: { id: string };
  /** Administered by the creator too, but outside a token limited to `own`. */
  sibling: { id: string };
  ownMember: Actor;
  otherMember: Actor;
  siblingMember: Actor;
}

let world: World;

beforeAll(async () => {
  const [own, other, sibling] = await Promise.all([
    createAccount({ name: "Own" }),
    createAccount({ name: "Other" }),
    createAccount({ name: "Sibling" }),
  ]);
  const creator = await createAdmin([own.id, sibling.id]);
  await createAdmin([other.id]);
  const [ownMember, otherMember, siblingMember] = await Promise.all([
    createUser(),
    createUser(),
    createUser(),
  ]);
  await createMembership(ownMember.id, own.id, "USER");
  await createMembership(otherMember.id, other.id, "USER");
  await createMembership(siblingMember.id, sibling.id, "VIEWER");
  world = { creator, own, other, sibling, ownMember, otherMember, siblingMember };
});

type Target = "own" | "other" | "sibling";

/** Each endpoint, called on a fresh resource of the target account; `reached` says whether the answer shows it. */
interface Endpoint {
  name: string;
  scope: ApiScope | null;
  call(token: string, target: Target): Promise<{ answer: Answer; reached: boolean }>;
}

const accountOf = (target: Target) => world[target].id;
const memberOf = (target: Target) => world[`${target}Member`];

const endpoints: Endpoint[] = [
  {
    name: "GET /requests",
    scope: "requests:read",
    async call(token, target) {
      const request = await createRequest({ accountId: accountOf(target) });
      const answer = await api.listRequests({
        token,
        query: { account: accountOf(target), status: "ALL" },
      });
      return { answer, reached: JSON.stringify(answer.json).includes(request.id) };
    },
  },
  {
    name: "GET /requests/{id}",
    scope: "requests:read",
    async call(token, target) {
      const request = await createRequest({ accountId: accountOf(target) });
      const answer = await api.getRequest(request.id, { token });
      return { answer, reached: answer.json.id === request.id };
    },
  },
  {
    name: "POST /requests/{id}/approve",
    scope: "requests:decide",
    async call(token, target) {
      const request = await createRequest({ accountId: accountOf(target) });
      const answer = await api.approve(request.id, { token, body: { role: "VIEWER" } });
      const after = await db.accessRequest.findUniqueOrThrow({ where: { id: request.id } });
      return { answer, reached: after.status !== "PENDING" };
    },
  },
  {
    name: "POST /requests/{id}/deny",
    scope: "requests:decide",
    async call(token, target) {
      const request = await createRequest({ accountId: accountOf(target) });
      const answer = await api.deny(request.id, { token, body: { reason: "No" } });
      const after = await db.accessRequest.findUniqueOrThrow({ where: { id: request.id } });
      return { answer, reached: after.status !== "PENDING" };
    },
  },
  {
    name: "GET /accounts",
    scope: null,
    async call(token, target) {
      const answer = await api.listAccounts({ token });
      return { answer, reached: JSON.stringify(answer.json).includes(accountOf(target)) };
    },
  },
  {
    name: "GET /accounts/{id}/members",
    scope: "members:read",
    async call(token, target) {
      const answer = await api.listMembers(accountOf(target), { token });
      return { answer, reached: JSON.stringify(answer.json).includes(memberOf(target).email) };
    },
  },
  {
    name: "GET /accounts/{id}/members/{email} (access check)",
    scope: "members:read",
    async call(token, target) {
      const answer = await api.checkAccess(accountOf(target), memberOf(target).email, { token });
      return { answer, reached: answer.json.email === memberOf(target).email };
    },
  },
  {
    name: "PATCH /accounts/{id}/members/{email}",
    scope: "members:write",
    async call(token, target) {
      const person = await createUser();
      await createMembership(person.id, accountOf(target), "USER");
      const answer = await api.updateMember(accountOf(target), person.email, {
        token,
        body: { role: "VIEWER" },
      });
      const after = await db.membership.findUniqueOrThrow({
        where: { userId_accountId: { userId: person.id, accountId: accountOf(target) } },
      });
      return { answer, reached: after.role !== "USER" };
    },
  },
  {
    name: "DELETE /accounts/{id}/members/{email}",
    scope: "members:write",
    async call(token, target) {
      const person = await createUser();
      await createMembership(person.id, accountOf(target), "USER");
      const answer = await api.removeMember(accountOf(target), person.email, { token });
      const after = await db.membership.findUniqueOrThrow({
        where: { userId_accountId: { userId: person.id, accountId: accountOf(target) } },
      });
      return { answer, reached: !after.active };
    },
  },
];

/** What an endpoint answers when it does not reach: 404, or a 200 list without the resource. */
const unreached = (endpoint: Endpoint) =>
  endpoint.scope === null || endpoint.name === "GET /requests" ? 200 : 404;

describe("the API's authorization matrix", () => {
  it("a token with every scope reaches its creator's accounts and nothing of another account", async () => {
    const { token } = await tokenFor(world.creator, { scopes: [...apiScopes] });
    const results: Record<string, unknown> = {};
    for (const endpoint of endpoints) {
      const own = await endpoint.call(token, "own");
      const other = await endpoint.call(token, "other");
      results[endpoint.name] = {
        own: [own.answer.status, own.reached],
        other: [other.answer.status, other.reached],
      };
    }
    expect(results).toEqual(
      Object.fromEntries(
        endpoints.map((e) => [e.name, { own: [200, true], other: [unreached(e), false] }]),
      ),
    );
  });

  it("each endpoint refuses a token without its scope (403, the scope named) and accepts one with only that scope", async () => {
    const results: Record<string, unknown> = {};
    for (const endpoint of endpoints.filter((e) => e.scope)) {
      const { token: without } = await tokenFor(world.creator, {
        scopes: apiScopes.filter((scope) => scope !== endpoint.scope),
      });
      const { token: only } = await tokenFor(world.creator, { scopes: [endpoint.scope!] });
      const refused = await endpoint.call(without, "own");
      const accepted = await endpoint.call(only, "own");
      results[endpoint.name] = {
        refused: [refused.answer.status, refused.answer.json.requiredScope, refused.reached],
        accepted: [accepted.answer.status, accepted.reached],
      };
    }
    expect(results).toEqual(
      Object.fromEntries(
        endpoints
          .filter((e) => e.scope)
          .map((e) => [e.name, { refused: [403, e.scope, false], accepted: [200, true] }]),
      ),
    );
  });

  it("a token limited to one account does not reach another account its creator administers", async () => {
    const { token } = await tokenFor(world.creator, {
      scopes: [...apiScopes],
      accountIds: [world.own.id],
    });
    const results: Record<string, unknown> = {};
    for (const endpoint of endpoints) {
      const own = await endpoint.call(token, "own");
      const sibling = await endpoint.call(token, "sibling");
      results[endpoint.name] = {
        own: [own.answer.status, own.reached],
        sibling: [sibling.answer.status, sibling.reached],
      };
    }
    expect(results).toEqual(
      Object.fromEntries(
        endpoints.map((e) => [e.name, { own: [200, true], sibling: [unreached(e), false] }]),
      ),
    );
  });

  it("a super administrator's token limited to an account lists no escalated request of another account, whatever its creator administers", async () => {
    const [own, other] = await Promise.all([createAccount(), createAccount()]);
    const superAdmin = await createAdmin([own.id], { platformRole: "SUPERADMIN" });
    const { token } = await tokenFor(actorOf(superAdmin), {
      scopes: ["requests:read"],
      accountIds: [own.id],
    });
    const [ownEscalated, otherEscalated] = await Promise.all([
      createRequest({ accountId: own.id, escalatedAt: new Date() }),
      createRequest({ accountId: other.id, escalatedAt: new Date() }),
    ]);
    const listed = async (query: Record<string, string>) => {
      const answer = await api.listRequests({ token, query: { status: "ALL", ...query } });
      const ids = (answer.json.data as { id: string }[] | undefined)?.map((row) => row.id) ?? [];
      return [answer.status, ids.includes(ownEscalated.id), ids.includes(otherEscalated.id)];
    };
    const queries = {
      default: {},
      "account=other": { account: other.id },
      "scope=escalated&account=own": { scope: "escalated", account: own.id },
      "scope=escalated&account=other": { scope: "escalated", account: other.id },
    };
    const read = async () =>
      Object.fromEntries(
        await Promise.all(
          Object.entries(queries).map(async ([name, query]) => [name, await listed(query)]),
        ),
      );
    // While the creator administers the account, and once they administer none (a super
    // administrator with no account sees the escalated requests of every account in the portal):
    // the token's limit holds either way.
    const whileAdmin = await read();
    await db.membership.update({
      where: { userId_accountId: { userId: superAdmin.id, accountId: own.id } },
      data: { role: "USER" },
    });
    const once = await read();
    expect({ whileAdmin, once }).toEqual({
      whileAdmin: {
        default: [200, true, false],
        "account=other": [200, false, false],
        "scope=escalated&account=own": [200, true, false],
        "scope=escalated&account=other": [200, false, false],
      },
      once: {
        default: [200, false, false],
        "account=other": [200, false, false],
        "scope=escalated&account=own": [200, true, false],
        "scope=escalated&account=other": [200, false, false],
      },
    });
  });

  const deadTokens: [string, (tokenId: string, creator: Actor) => Promise<unknown>][] = [
    ["revoked", (id) => db.apiToken.update({ where: { id }, data: { revokedAt: new Date() } })],
    [
      "expired",
      (id) =>
        db.apiToken.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } }),
    ],
    [
      "of a disabled creator",
      (_id, creator) =>
        db.user.update({ where: { id: creator.id }, data: { disabledAt: new Date() } }),
    ],
  ];

  it.each(deadTokens)(
    "a token %s is refused by every endpoint with 401 and reaches nothing",
    async (_label, kill) => {
      const [own] = await Promise.all([createAccount()]);
      const creator = await createAdmin([own.id]);
      const { id, token } = await tokenFor(creator, { scopes: [...apiScopes] });
      await kill(id, creator);
      const saved = world;
      world = { ...world, creator, own };
      await createMembership(world.ownMember.id, own.id, "USER");
      try {
        const results = await Promise.all(
          endpoints.map(async (endpoint) => {
            const { answer, reached } = await endpoint.call(token, "own");
            return [
              endpoint.name,
              [answer.status, answer.json.code, answer.headers.get("www-authenticate"), reached],
            ] as const;
          }),
        );
        expect(Object.fromEntries(results)).toEqual(
          Object.fromEntries(
            endpoints.map((e) => [e.name, [401, "UNAUTHENTICATED", 'Bearer realm="api"', false]]),
          ),
        );
      } finally {
        world = saved;
      }
    },
  );

  it("a token stops reaching an account the moment its creator is no longer its administrator", async () => {
    const own = await createAccount();
    const creator = await createAdmin([own.id]);
    const member = await createUser();
    await createMembership(member.id, own.id, "USER");
    const { token } = await tokenFor(creator, { scopes: [...apiScopes] });
    const saved = world;
    world = { ...world, creator, own, ownMember: member };
    try {
      for (const endpoint of endpoints)
        expect((await endpoint.call(token, "own")).reached, `${endpoint.name} before`).toBe(true);
      await db.membership.update({
        where: { userId_accountId: { userId: creator.id, accountId: own.id } },
        data: { role: "USER" },
      });
      const results: Record<string, unknown> = {};
      for (const endpoint of endpoints) {
        const { answer, reached } = await endpoint.call(token, "own");
        results[endpoint.name] = [answer.status, reached];
      }
      expect(results).toEqual(
        Object.fromEntries(endpoints.map((e) => [e.name, [unreached(e), false]])),
      );
    } finally {
      world = saved;
    }
  });

  it("a token whose creator became support staff reads but never decides (support staff are read-only)", async () => {
    const own = await createAccount();
    const creator = await createAdmin([own.id]);
    const { token } = await tokenFor(creator);
    await db.user.update({ where: { id: creator.id }, data: { platformRole: "SUPPORT" } });
    const request = await createRequest({ accountId: own.id });
    expect((await api.getRequest(request.id, { token })).status).toBe(200);
    expect((await api.approve(request.id, { token })).json).toMatchObject({
      status: 403,
      code: "FORBIDDEN",
    });
    expect((await api.deny(request.id, { token })).json).toMatchObject({
      status: 403,
      code: "FORBIDDEN",
    });
    expect((await db.accessRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe(
      "PENDING",
    );
  });

  it("no token, a malformed one, or an unknown one is refused with 401 as a problem", async () => {
    for (const token of [null, "not-a-token", `sap_${"A".repeat(43)}`]) {
      for (const endpoint of endpoints) {
        const { answer, reached } = await endpoint.call(token as string, "own");
        expect(
          [answer.status, answer.headers.get("content-type"), answer.json.code, reached],
          `${endpoint.name} with ${token}`,
        ).toEqual([401, "application/problem+json", "UNAUTHENTICATED", false]);
      }
    }
  });
});
