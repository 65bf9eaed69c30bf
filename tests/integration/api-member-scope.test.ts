import { describe, expect, it } from "vitest";
import { member as memberShape } from "@/lib/api/contract";
import { db } from "@/lib/db/client";
import { changeMemberAccess } from "@/lib/memberships/change-access";
import { listMyAccounts } from "@/lib/memberships/my-accounts";
import { viewRequestAsSupport } from "@/lib/support/request-details";
import { accessViewOfGranted, grantedScopeOfRow } from "@/lib/requests/granted-scope";
import { approveRequest } from "@/lib/admin/approve-or-deny";
import {
  createAccount,
  createAdmin,
  createGrant,
  createMembership,
  createRequest,
  createUser,
  createVirtualAccount,
} from "../factories";
import { api, tokenFor } from "./api-client";
import { appErrorOf } from "./app-error-of";
import { auditOf, emailsTo } from "./membership-helpers";

/**
 * An account like the demo's Acme Corporation (DEFAULT, Americas, EMEA > France), its only Smart
 * Account Administrator with a members token, Vera administering EMEA with its sub-accounts, Uma a
 * User of the whole account and Sam a member of France only.
 */
async function acmeLike() {
  const account = await createAccount({ name: "Acme Corporation" });
  const admin = await createAdmin([account.id], { firstName: "Alice", lastName: "Admin" });
  const americas = await createVirtualAccount(account.id, { name: "Americas" });
  const emea = await createVirtualAccount(account.id, { name: "EMEA" });
  const france = await createVirtualAccount(account.id, { name: "France", parentId: emea.id });
  const vera = await createUser({ firstName: "Vera", lastName: "Admin" });
  const veraMembership = await createMembership(vera.id, account.id, "VIEWER", {
    scope: "VIRTUAL_ACCOUNTS",
  });
  await createGrant(veraMembership.id, emea.id, "ADMIN", { includeSubAccounts: true });
  const uma = await createUser({ firstName: "Uma", lastName: "User" });
  const umaMembership = await createMembership(uma.id, account.id, "USER");
  const sam = await createUser({ firstName: "Sam", lastName: "Scoped" });
  const samMembership = await createMembership(sam.id, account.id, "VIEWER", {
    scope: "VIRTUAL_ACCOUNTS",
  });
  await createGrant(samMembership.id, france.id, "USER");
  const { token } = await tokenFor(admin, { scopes: ["members:read", "members:write"] });
  return {
    account,
    admin,
    americas,
    emea,
    france,
    vera,
    uma,
    umaMembership,
    sam,
    samMembership,
    token,
  };
}

const grantsOf = (membershipId: string) =>
  db.virtualAccountGrant.findMany({
    where: { membershipId },
    select: { virtualAccountId: true, role: true, includeSubAccounts: true },
    orderBy: { role: "asc" },
  });

describe("the API's members carry their scope", () => {
  it("GET members: scope account with its role, scope virtualAccounts with a null role and the paths", async () => {
    const { account, token, uma, sam, france } = await acmeLike();
    const answer = await api.listMembers(account.id, { token });
    expect(answer.status).toBe(200);
    const members = (answer.json.data as unknown[]).map((row) => memberShape.parse(row));
    const byEmail = new Map(members.map((row) => [row.email, row]));
    expect(byEmail.get(uma.email)).toMatchObject({
      scope: "account",
      role: "USER",
      virtualAccounts: [],
    });
    expect(byEmail.get(sam.email)).toMatchObject({
      scope: "virtualAccounts",
      role: null,
      virtualAccounts: [
        { id: france.id, path: ["EMEA", "France"], role: "USER", includeSubAccounts: false },
      ],
    });
  });

  it("PATCH scope: a Smart Account Administrator moves a User to virtual accounts and back, audited and emailed", async () => {
    const { account, admin, uma, umaMembership, americas, emea, token } = await acmeLike();
    const moved = await api.updateMember(account.id, uma.email, {
      token,
      body: {
        scope: "virtualAccounts",
        virtualAccounts: [
          { id: emea.id, role: "ADMIN", includeSubAccounts: true },
          { id: americas.id, role: "VIEWER" },
        ],
      },
    });
    expect(moved.status).toBe(200);
    expect(memberShape.parse(moved.json)).toMatchObject({
      email: uma.email,
      scope: "virtualAccounts",
      role: null,
      virtualAccounts: expect.arrayContaining([
        { id: emea.id, path: ["EMEA"], role: "ADMIN", includeSubAccounts: true },
        { id: americas.id, path: ["Americas"], role: "VIEWER", includeSubAccounts: false },
      ]),
    });
    expect(await grantsOf(umaMembership.id)).toEqual([
      { virtualAccountId: emea.id, role: "ADMIN", includeSubAccounts: true },
      { virtualAccountId: americas.id, role: "VIEWER", includeSubAccounts: false },
    ]);
    const back = await api.updateMember(account.id, uma.email, {
      token,
      body: { scope: "account", role: "VIEWER" },
    });
    expect([back.status, back.json.scope, back.json.role, back.json.virtualAccounts]).toEqual([
      200,
      "account",
      "VIEWER",
      [],
    ]);
    expect(await grantsOf(umaMembership.id)).toEqual([]);
    expect((await auditOf(umaMembership.id)).map((event) => [event.action, event.actorId])).toEqual(
      [
        ["membership.accessChanged", admin.id],
        ["membership.accessChanged", admin.id],
      ],
    );
    expect((await emailsTo(uma.email)).map((email) => email.template)).toEqual([
      "membership-access-changed",
      "membership-access-changed",
    ]);
  });

  it("PATCH role alone on a member of virtual accounts keeps answering 409 virtualAccountsScope", async () => {
    const { account, sam, samMembership, token } = await acmeLike();
    const answer = await api.updateMember(account.id, sam.email, {
      token,
      body: { role: "USER" },
    });
    expect(answer.json).toMatchObject({ status: 409, reason: "virtualAccountsScope" });
    expect(await auditOf(samMembership.id)).toEqual([]);
  });

  it("PATCH scope never takes the last Smart Account Administrator away (409 lastAdmin), nor takes another account's virtual account", async () => {
    const { account, admin, emea, token, uma, umaMembership } = await acmeLike();
    const lastAdmin = await api.updateMember(account.id, admin.email, {
      token,
      body: { scope: "virtualAccounts", virtualAccounts: [{ id: emea.id, role: "ADMIN" }] },
    });
    expect(lastAdmin.json).toMatchObject({ status: 409, reason: "lastAdmin" });
    const other = await createAccount();
    const elsewhere = await createVirtualAccount(other.id, { name: "Elsewhere" });
    const foreign = await api.updateMember(account.id, uma.email, {
      token,
      body: { scope: "virtualAccounts", virtualAccounts: [{ id: elsewhere.id, role: "USER" }] },
    });
    expect(foreign.json).toMatchObject({ status: 409, reason: "virtualAccountUnknown" });
    expect(await auditOf(umaMembership.id)).toEqual([]);
  });

  it("PATCH scope of another account's member is not found; hostile bodies are 400, never 5xx", async () => {
    const { account, emea, token, uma } = await acmeLike();
    const other = await createAccount();
    const stranger = await createUser();
    await createMembership(stranger.id, other.id, "USER");
    const outside = await api.updateMember(other.id, stranger.email, {
      token,
      body: { scope: "account", role: "VIEWER" },
    });
    expect(outside.status).toBe(404);
    const many = Array.from({ length: 51 }, (_, index) => ({ id: `va-${index}`, role: "USER" }));
    const hostile: unknown[] = [
      { scope: "account" },
      { scope: "account", virtualAccounts: [{ id: emea.id, role: "USER" }] },
      { virtualAccounts: [{ id: emea.id, role: "USER" }] },
      { scope: "virtualAccounts" },
      { scope: "virtualAccounts", virtualAccounts: [] },
      { scope: "virtualAccounts", role: "USER", virtualAccounts: [{ id: emea.id, role: "USER" }] },
      {
        scope: "virtualAccounts",
        virtualAccounts: [
          { id: emea.id, role: "USER" },
          { id: emea.id, role: "VIEWER" },
        ],
      },
      { scope: "virtualAccounts", virtualAccounts: many },
      { scope: "virtualAccounts", virtualAccounts: [{ id: "x'; drop table", role: "USER" }] },
      { scope: "virtualAccounts", virtualAccounts: [{ id: emea.id, role: "OWNER" }] },
      { scope: "virtualAccounts", virtualAccounts: "EMEA" },
      { scope: "everything" },
      { scope: ["account"], role: "USER" },
    ];
    for (const body of hostile) {
      const answer = await api.updateMember(account.id, uma.email, { token, body });
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    // An id that looks right but is no virtual account at all: a refusal, not a crash.
    const unknown = await api.updateMember(account.id, uma.email, {
      token,
      body: { scope: "virtualAccounts", virtualAccounts: [{ id: "no-such-va", role: "USER" }] },
    });
    expect(unknown.json).toMatchObject({ status: 409, reason: "virtualAccountUnknown" });
  });

  it("nobody but a Smart Account Administrator of the account changes a scope: Virtual Account Administrator, User, support, another account's administrator", async () => {
    const { vera, uma, sam, samMembership, france } = await acmeLike();
    const support = await createUser({ platformRole: "SUPPORT" });
    const otherAdmin = await createAdmin([(await createAccount()).id]);
    const access = {
      scope: "VIRTUAL_ACCOUNTS",
      grants: [{ virtualAccountId: france.id, role: "ADMIN", includeSubAccounts: false }],
    };
    for (const actor of [vera, uma, support, otherAdmin]) {
      const refused = await appErrorOf(
        changeMemberAccess.execute(actor, { membershipId: samMembership.id, access }),
      );
      expect(["NOT_FOUND", "FORBIDDEN"], actor.email).toContain(refused.code);
    }
    expect(await grantsOf(samMembership.id)).toEqual([
      { virtualAccountId: france.id, role: "USER", includeSubAccounts: false },
    ]);
    expect(await emailsTo(sam.email)).toEqual([]);
    // Nor through the API: a Virtual Account Administrator gets no token (they administer no account).
    expect(
      (await appErrorOf(tokenFor(vera, { scopes: ["members:read", "members:write"] }))).code,
    ).toBe("FORBIDDEN");
    expect((await db.membership.findUniqueOrThrow({ where: { id: samMembership.id } })).scope).toBe(
      "VIRTUAL_ACCOUNTS",
    );
  });
});

describe("the pages around a scope", () => {
  it("Your accounts links a Virtual Account Administrator to the members page, not a member of virtual accounts without ADMIN", async () => {
    const { vera, sam } = await acmeLike();
    const [veraRow] = await listMyAccounts(vera);
    const [samRow] = await listMyAccounts(sam);
    expect([veraRow!.administersBranch, samRow!.administersBranch]).toEqual([true, false]);
  });

  it("the support request page's data says what an approval for virtual accounts granted", async () => {
    const { account, admin, emea } = await acmeLike();
    const requester = await createUser();
    const request = await createRequest({ accountId: account.id, requesterId: requester.id });
    await approveRequest.execute(admin, {
      requestId: request.id,
      scope: "virtualAccounts",
      virtualAccounts: [{ id: emea.id, role: "USER", includeSubAccounts: true }],
    });
    const support = await createUser({ platformRole: "SUPPORT" });
    const view = await viewRequestAsSupport(support, request.id);
    const granted = grantedScopeOfRow(view!.request);
    expect(granted && accessViewOfGranted(granted)).toEqual({
      scope: "VIRTUAL_ACCOUNTS",
      grants: [
        { virtualAccountId: emea.id, path: ["EMEA"], role: "USER", includeSubAccounts: true },
      ],
    });
  });
});
