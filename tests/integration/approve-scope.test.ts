import { describe, expect, it } from "vitest";
import { approveRequest } from "@/lib/admin/approve-or-deny";
import { decideInBulk } from "@/lib/admin/bulk-decision";
import { db } from "@/lib/db/client";
import { renderEmail } from "@/lib/mail/render";
import { grantedScopeSchema } from "@/lib/requests/granted-scope";
import { listMyRequests } from "@/lib/requests/list-my-requests";
import { listMyAccounts } from "@/lib/memberships/my-accounts";
import { virtualAccountTreeFor } from "@/lib/virtual-accounts/tree";
import { emitMembershipEvent } from "@/lib/webhooks/emit";
import { membershipEventData, requestEventData } from "@/lib/webhooks/events";
import {
  createAccount,
  createAdmin,
  createMembership,
  createRequest,
  createUser,
  createWebhookEndpoint,
} from "../factories";
import {
  createGrant,
  createVirtualAccount,
  defaultVirtualAccountOf,
} from "../factories/virtual-accounts";
import { api, tokenFor } from "./api-client";
import { appErrorOf } from "./app-error-of";

/** Stark Industries' tree as the demo has it: DEFAULT, Engineering > Firmware, Sales. */
async function starkLike(name = "Stark Industries") {
  const account = await createAccount({ name });
  const admin = await createAdmin([account.id], { firstName: "Ada", lastName: "Admin" });
  const engineering = await createVirtualAccount(account.id, { name: "Engineering" });
  const firmware = await createVirtualAccount(account.id, {
    name: "Firmware",
    parentId: engineering.id,
  });
  const sales = await createVirtualAccount(account.id, { name: "Sales" });
  return { account, admin, engineering, firmware, sales };
}

const membershipOf = (userId: string, accountId: string) =>
  db.membership.findUniqueOrThrow({
    where: { userId_accountId: { userId, accountId } },
    include: { grants: { orderBy: { role: "asc" } } },
  });

describe("approving with a scope of virtual accounts", () => {
  it("an administrator approves for Engineering (with Firmware) and Sales: grants, kept scope, audit, email in the requester's language, webhook", async () => {
    const { account, admin, engineering, sales } = await starkLike();
    const requester = await createUser({ firstName: "Rita", lastName: "Requester", locale: "fr" });
    const request = await createRequest({ accountId: account.id, requesterId: requester.id });
    await createWebhookEndpoint({
      accountId: account.id,
      createdById: admin.id,
      events: ["request.approved"],
    });

    const result = await approveRequest.execute(admin, {
      requestId: request.id,
      scope: "virtualAccounts",
      virtualAccounts: [
        { id: engineering.id, role: "USER", includeSubAccounts: true },
        { id: sales.id, role: "VIEWER" },
      ],
    });
    expect(result).toEqual({ status: "APPROVED", requesterName: "Rita Requester" });

    const membership = await membershipOf(requester.id, account.id);
    expect(membership).toMatchObject({ scope: "VIRTUAL_ACCOUNTS", active: true });
    expect(
      membership.grants.map((g) => [g.virtualAccountId, g.role, g.includeSubAccounts]),
    ).toEqual([
      [engineering.id, "USER", true],
      [sales.id, "VIEWER", false],
    ]);

    const decided = await db.accessRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(decided.grantedRole).toBeNull();
    const granted = grantedScopeSchema.parse(decided.grantedScope);
    expect(granted).toEqual({
      scope: "virtualAccounts",
      role: null,
      virtualAccounts: [
        { id: engineering.id, path: ["Engineering"], role: "USER", includeSubAccounts: true },
        { id: sales.id, path: ["Sales"], role: "VIEWER", includeSubAccounts: false },
      ],
    });

    const audit = await db.auditEvent.findFirstOrThrow({
      where: { subjectId: request.id, action: "request.approved" },
    });
    expect(audit.after).toMatchObject({
      status: "APPROVED",
      scope: "VIRTUAL_ACCOUNTS",
      grants: [
        { virtualAccountId: engineering.id, role: "USER", includeSubAccounts: true },
        { virtualAccountId: sales.id, role: "VIEWER", includeSubAccounts: false },
      ],
      membershipId: membership.id,
    });
    expect(audit.after).not.toHaveProperty("role");

    const [email] = await db.emailMessage.findMany({ where: { requestId: request.id } });
    expect(email).toMatchObject({ template: "request-approved", locale: "fr" });
    const fr = await renderEmail(email!.template, "fr", email!.payload);
    expect(fr.text).toContain("Engineering et ses sous-comptes : Utilisateur de compte virtuel");
    expect(fr.text).toContain("Sales : Lecteur de compte virtuel");
    expect(fr.text).toContain("pour ces comptes virtuels seulement");
    const en = await renderEmail(email!.template, "en", email!.payload);
    expect(en.text).toContain("Engineering and its sub-accounts: Virtual Account User");
    expect(en.text).toContain("Sales: Virtual Account Viewer");

    const delivery = await db.webhookDelivery.findFirstOrThrow({
      where: { eventType: "request.approved" },
    });
    const data = requestEventData.parse((delivery.payload as { data: unknown }).data);
    expect(data).toMatchObject({ status: "APPROVED", grantedRole: null, grantedScope: granted });
  });

  it("the requester sees what was granted, as it was then, on Your access requests and Your accounts", async () => {
    const { account, admin, engineering } = await starkLike();
    const requester = await createUser();
    const request = await createRequest({ accountId: account.id, requesterId: requester.id });
    await approveRequest.execute(admin, {
      requestId: request.id,
      scope: "virtualAccounts",
      virtualAccounts: [{ id: engineering.id, role: "ADMIN" }],
    });
    // Renamed afterwards: the request keeps the name of the approval, the membership shows today's.
    await db.virtualAccount.update({ where: { id: engineering.id }, data: { name: "R&D" } });

    const mine = await listMyRequests(requester.id, 1);
    expect(mine.requests[0]!.granted).toMatchObject({
      scope: "virtualAccounts",
      virtualAccounts: [{ path: ["Engineering"], role: "ADMIN" }],
    });
    const [accountRow] = await listMyAccounts(requester);
    expect(accountRow!.access).toMatchObject({
      scope: "VIRTUAL_ACCOUNTS",
      grants: [{ path: ["R&D"], role: "ADMIN", includeSubAccounts: false }],
    });
  });

  it("the default stays the entire account as a User, kept on the request too", async () => {
    const { account, admin } = await starkLike();
    const request = await createRequest({ accountId: account.id });
    await approveRequest.execute(admin, { requestId: request.id });
    const decided = await db.accessRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(decided).toMatchObject({
      grantedRole: "USER",
      grantedScope: { scope: "account", role: "USER", virtualAccounts: [] },
    });
    expect(await membershipOf(decided.requesterId, account.id)).toMatchObject({
      scope: "ACCOUNT",
      role: "USER",
      grants: [],
    });
  });

  it("a virtual account of another account, or one that does not exist, is refused (CONFLICT) and nothing changes", async () => {
    const { account, admin } = await starkLike();
    const other = await starkLike("Other Corp");
    const request = await createRequest({ accountId: account.id });
    for (const id of [other.engineering.id, "no-such-virtual-account"]) {
      const refusal = await appErrorOf(
        approveRequest.execute(admin, {
          requestId: request.id,
          scope: "virtualAccounts",
          virtualAccounts: [{ id, role: "USER" }],
        }),
      );
      expect(refusal).toMatchObject({
        code: "CONFLICT",
        details: { fieldErrors: { _form: "virtualAccountUnknown" } },
      });
    }
    expect(await db.accessRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: "PENDING",
      grantedScope: null,
    });
    expect(await db.membership.count({ where: { userId: request.requesterId } })).toBe(0);
    expect(await db.emailMessage.count({ where: { requestId: request.id } })).toBe(0);
  });

  it("a scope the schema refuses is a validation error: none chosen, twice the same, virtual accounts without their scope", async () => {
    const { account, admin, sales } = await starkLike();
    const request = await createRequest({ accountId: account.id });
    const cases: [Record<string, unknown>, string][] = [
      [{ scope: "virtualAccounts" }, "virtualAccountsNone"],
      [{ scope: "virtualAccounts", virtualAccounts: [] }, "virtualAccountsNone"],
      [
        {
          scope: "virtualAccounts",
          virtualAccounts: [
            { id: sales.id, role: "USER" },
            { id: sales.id, role: "VIEWER" },
          ],
        },
        "virtualAccountTwice",
      ],
      [{ virtualAccounts: [{ id: sales.id, role: "USER" }] }, "virtualAccountsWithoutScope"],
    ];
    for (const [input, code] of cases) {
      const refusal = await appErrorOf(
        approveRequest.execute(admin, { requestId: request.id, ...input }),
      );
      expect(refusal).toMatchObject({
        code: "VALIDATION",
        details: { fieldErrors: { virtualAccounts: code } },
      });
    }
  });

  it("a Virtual Account Administrator decides nothing and reads no tree; Smart Account Administrators and support staff read it", async () => {
    const { account, admin, engineering, firmware } = await starkLike();
    const vaAdmin = await createUser();
    const vaMembership = await createMembership(vaAdmin.id, account.id, "VIEWER", {
      scope: "VIRTUAL_ACCOUNTS",
    });
    await createGrant(vaMembership.id, (await defaultVirtualAccountOf(account.id)).id, "ADMIN");
    await createGrant(vaMembership.id, engineering.id, "ADMIN", { includeSubAccounts: true });
    const request = await createRequest({ accountId: account.id });

    expect(
      await appErrorOf(
        approveRequest.execute(vaAdmin, {
          requestId: request.id,
          scope: "virtualAccounts",
          virtualAccounts: [{ id: firmware.id, role: "USER" }],
        }),
      ),
    ).toMatchObject({ code: "NOT_FOUND" });
    expect(
      await decideInBulk.execute(vaAdmin, {
        decision: "approve",
        requestIds: [request.id],
      }),
    ).toMatchObject({ decided: [], notFound: [request.id] });
    expect(await virtualAccountTreeFor(vaAdmin, account.id)).toBeNull();

    const otherAdmin = await createAdmin([(await createAccount()).id]);
    expect(await virtualAccountTreeFor(otherAdmin, account.id)).toBeNull();
    const tree = await virtualAccountTreeFor(admin, account.id);
    expect(tree?.map((node) => [node.name, node.depth])).toEqual([
      ["DEFAULT", 1],
      ["Engineering", 1],
      ["Firmware", 2],
      ["Sales", 1],
    ]);
    const support = await createUser({ platformRole: "SUPPORT" });
    expect(await virtualAccountTreeFor(support, account.id)).toEqual(tree);
    expect((await db.accessRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe(
      "PENDING",
    );
  });
});

describe("approving in bulk with a scope of virtual accounts", () => {
  it("gives the virtual accounts to the requests of their account; a request of another account is refused, the others are decided", async () => {
    const { account, admin, engineering } = await starkLike();
    const other = await createAccount();
    const sameAdminElsewhere = await createMembership(admin.id, other.id, "ADMIN");
    expect(sameAdminElsewhere.role).toBe("ADMIN");
    const first = await createRequest({ accountId: account.id });
    const second = await createRequest({ accountId: account.id });
    const elsewhere = await createRequest({ accountId: other.id });

    const result = await decideInBulk.execute(admin, {
      decision: "approve",
      requestIds: [first.id, second.id, elsewhere.id],
      scope: "virtualAccounts",
      virtualAccounts: [{ id: engineering.id, role: "VIEWER", includeSubAccounts: true }],
    });
    expect(result.decided.map((item) => item.requestId).sort()).toEqual(
      [first.id, second.id].sort(),
    );
    expect(result.refused).toMatchObject([
      { requestId: elsewhere.id, reason: "virtualAccountUnknown" },
    ]);
    for (const request of [first, second]) {
      expect(await membershipOf(request.requesterId, account.id)).toMatchObject({
        scope: "VIRTUAL_ACCOUNTS",
        grants: [{ virtualAccountId: engineering.id, role: "VIEWER", includeSubAccounts: true }],
      });
      const audit = await db.auditEvent.findFirstOrThrow({
        where: { subjectId: request.id, action: "request.approved" },
      });
      expect(audit.after).toMatchObject({ bulk: true, scope: "VIRTUAL_ACCOUNTS" });
    }
    expect((await db.accessRequest.findUniqueOrThrow({ where: { id: elsewhere.id } })).status).toBe(
      "PENDING",
    );
  });
});

describe("membership webhooks carry the scope", () => {
  it("a membership of virtual accounts: scope, no placeholder role, each virtual account with its path", async () => {
    const { account, admin, engineering, firmware } = await starkLike();
    const endpoint = await createWebhookEndpoint({
      accountId: account.id,
      createdById: admin.id,
      events: ["membership.changed"],
    });
    const member = await createUser();
    const membership = await createMembership(member.id, account.id, "VIEWER", {
      scope: "VIRTUAL_ACCOUNTS",
    });
    await createGrant(membership.id, firmware.id, "ADMIN");
    await createGrant(membership.id, engineering.id, "USER", { includeSubAccounts: true });
    const whole = await createMembership((await createUser()).id, account.id, "USER");
    for (const id of [membership.id, whole.id])
      await db.$transaction((tx) =>
        emitMembershipEvent(tx, "membership.changed", id, {
          previousRole: null,
          changedById: admin.id,
        }),
      );
    const payloads = (
      await db.webhookDelivery.findMany({
        where: { endpointId: endpoint.id },
        orderBy: { id: "asc" },
      })
    ).map((delivery) => membershipEventData.parse((delivery.payload as { data: unknown }).data));
    expect(payloads).toEqual([
      {
        accountId: account.id,
        email: member.email,
        scope: "virtualAccounts",
        role: null,
        virtualAccounts: [
          { id: engineering.id, path: ["Engineering"], role: "USER", includeSubAccounts: true },
          {
            id: firmware.id,
            path: ["Engineering", "Firmware"],
            role: "ADMIN",
            includeSubAccounts: false,
          },
        ],
        previousRole: null,
        until: null,
        changedByEmail: admin.email,
      },
      expect.objectContaining({ scope: "account", role: "USER", virtualAccounts: [] }),
    ]);
  });
});

describe("POST /api/v1/requests/{id}/approve with a scope", () => {
  it("approves for virtual accounts; the request then shows the granted scope", async () => {
    const { account, admin, engineering } = await starkLike();
    const { token } = await tokenFor(admin);
    const request = await createRequest({ accountId: account.id });
    const answer = await api.approve(request.id, {
      token,
      body: {
        scope: "virtualAccounts",
        virtualAccounts: [{ id: engineering.id, role: "USER", includeSubAccounts: true }],
      },
    });
    expect(answer).toMatchObject({ status: 200, json: { status: "APPROVED" } });
    expect((await membershipOf(request.requesterId, account.id)).grants).toMatchObject([
      { virtualAccountId: engineering.id, role: "USER", includeSubAccounts: true },
    ]);
    const read = await api.getRequest(request.id, { token });
    expect(read.json).toMatchObject({
      grantedRole: null,
      grantedScope: {
        scope: "virtualAccounts",
        role: null,
        virtualAccounts: [{ id: engineering.id, path: ["Engineering"] }],
      },
      // No placeholder role for a membership of virtual accounts.
      currentMembership: { scope: "virtualAccounts", role: null, active: true },
    });
  });

  it("an unknown or foreign virtual account answers 409 with a problem; hostile scopes answer 4xx, never 5xx", async () => {
    const { account, admin, sales } = await starkLike();
    const other = await starkLike("Foreign Corp");
    const { token } = await tokenFor(admin);
    const request = await createRequest({ accountId: account.id });

    const foreign = await api.approve(request.id, {
      token,
      body: { scope: "virtualAccounts", virtualAccounts: [{ id: other.sales.id, role: "USER" }] },
    });
    expect(foreign.status).toBe(409);
    expect(foreign.headers.get("content-type")).toContain("application/problem+json");
    expect(foreign.json).toMatchObject({ code: "CONFLICT" });

    const hostile: unknown[] = [
      { scope: "everything" },
      { scope: "virtualAccounts", virtualAccounts: "all" },
      { scope: "virtualAccounts", virtualAccounts: [null] },
      { scope: "virtualAccounts", virtualAccounts: [{ id: sales.id }] },
      { scope: "virtualAccounts", virtualAccounts: [{ id: sales.id, role: "OWNER" }] },
      {
        scope: "virtualAccounts",
        virtualAccounts: [{ id: sales.id, role: "USER", includeSubAccounts: "yes" }],
      },
      { scope: "virtualAccounts", virtualAccounts: [{ id: "'; DROP TABLE x; --", role: "USER" }] },
      { scope: "virtualAccounts", virtualAccounts: [{ id: "x".repeat(5000), role: "USER" }] },
      {
        scope: "virtualAccounts",
        virtualAccounts: Array.from({ length: 51 }, (_, i) => ({ id: `va-${i}`, role: "USER" })),
      },
      { scope: "account", virtualAccounts: [{ id: sales.id, role: "USER" }] },
      { scope: ["virtualAccounts"], virtualAccounts: [{ id: sales.id, role: "USER" }] },
      { scope: "virtualAccounts", virtualAccounts: [{ id: sales.id, role: "USER" }], role: {} },
    ];
    for (const body of hostile) {
      const answer = await api.approve(request.id, { token, body });
      expect(answer.status, JSON.stringify(body).slice(0, 200)).toBeGreaterThanOrEqual(400);
      expect(answer.status, JSON.stringify(body).slice(0, 200)).toBeLessThan(500);
    }
    expect(await db.accessRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
      status: "PENDING",
    });
  });
});
