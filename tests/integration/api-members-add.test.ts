import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import {
  createApiTokenRow,
  createAccount,
  createAdmin,
  createGrant,
  createMembership,
  createRequest,
  createUser,
  createVirtualAccount,
  unique,
} from "../factories";
import { hostileText, wrongType } from "../support/hostile-input";
import { api, tokenFor } from "./api-client";

async function world() {
  const account = await createAccount({ name: `API Import ${unique()}` });
  const admin = await createAdmin([account.id], { firstName: "Alice", lastName: "Admin" });
  const emea = await createVirtualAccount(account.id, { name: "EMEA" });
  const { token } = await tokenFor(admin, { scopes: ["members:write"] });
  return { account, admin, emea, token };
}

describe("POST /api/v1/accounts/{accountId}/members", () => {
  it("adds people with each line's outcome, and approves a pending request", async () => {
    const { account, token, emea } = await world();
    const requester = await createUser();
    const request = await createRequest({ accountId: account.id, requesterId: requester.id });
    const newcomer = `api-${unique()}@example.com`;
    const answer = await api.addMembers(account.id, {
      token,
      body: {
        people: [
          { email: newcomer, role: "viewer" },
          {
            email: requester.email,
            role: "USER",
            virtualAccounts: [emea.id],
            includeSubAccounts: true,
            accessEnds: "2031-05-01",
          },
          { email: "nope", role: "USER" },
          { email: newcomer.toUpperCase(), role: "ADMIN" },
        ],
      },
    });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      replayed: false,
      counts: { added: 2, changed: 0, unchanged: 0, refused: 1 },
      lines: [
        {
          line: 1,
          email: newcomer,
          outcome: "added",
          invited: true,
          access: { scope: "ACCOUNT", role: "VIEWER" },
        },
        {
          line: 2,
          outcome: "added",
          pendingRequestApproved: true,
          endsAt: "2031-05-01T00:00:00.000Z",
          access: {
            scope: "VIRTUAL_ACCOUNTS",
            grants: [{ virtualAccountId: emea.id, path: ["EMEA"], includeSubAccounts: true }],
          },
        },
        { line: 3, outcome: "refused", reason: "notAnEmail", access: null },
      ],
      duplicates: [{ email: newcomer, line: 4, firstLine: 1 }],
    });
    expect((await db.accessRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe(
      "APPROVED",
    );
    expect(
      await db.auditEvent.count({ where: { action: "apiToken.used" } }),
    ).toBeGreaterThanOrEqual(1);
  });

  it("honours Idempotency-Key: the same call twice adds nobody twice; another body with it is 409", async () => {
    const { account, token } = await world();
    const email = `idem-${unique()}@example.com`;
    const call = {
      token,
      headers: { "idempotency-key": `retry-${unique()}` },
      body: { people: [{ email, role: "USER" }] },
    };
    const first = await api.addMembers(account.id, call);
    const second = await api.addMembers(account.id, call);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect(second.json).toMatchObject({ replayed: true, importId: first.json.importId });
    expect(await db.emailMessage.count({ where: { to: email } })).toBe(1);
    const other = await api.addMembers(account.id, {
      ...call,
      body: { people: [{ email: `other-${unique()}@example.com`, role: "USER" }] },
    });
    expect([other.status, other.json.code]).toEqual([409, "CONFLICT"]);
  });

  it("without the key, a second call finds the person a member already: unchanged", async () => {
    const { account, token } = await world();
    const body = { people: [{ email: `again-${unique()}@example.com`, role: "USER" }] };
    await api.addMembers(account.id, { token, body });
    const again = await api.addMembers(account.id, { token, body });
    expect(again.json).toMatchObject({ counts: { added: 0, unchanged: 1 } });
  });

  it("answers 404 for another account's administrator, 403 without members:write, 400 past 100 people", async () => {
    const { account } = await world();
    const other = await createAccount();
    const otherAdmin = await createAdmin([other.id]);
    const { token: otherToken } = await tokenFor(otherAdmin, { scopes: ["members:write"] });
    const body = { people: [{ email: `x-${unique()}@example.com`, role: "USER" }] };
    expect((await api.addMembers(account.id, { token: otherToken, body })).status).toBe(404);
    const { admin } = await world();
    const { token: readOnly } = await tokenFor(admin, { scopes: ["members:read"] });
    expect((await api.addMembers(account.id, { token: readOnly, body })).status).toBe(403);
    const { account: own, token } = await world();
    const tooMany = Array.from({ length: 101 }, (_, i) => ({
      email: `p${i}@example.com`,
      role: "USER",
    }));
    expect((await api.addMembers(own.id, { token, body: { people: tooMany } })).status).toBe(400);
  });

  it("lets a Virtual Account Administrator add inside their branch only", async () => {
    const { account, emea } = await world();
    const americas = await createVirtualAccount(account.id, { name: "Americas" });
    const vera = await createUser();
    const membership = await createMembership(vera.id, account.id, "VIEWER", {
      scope: "VIRTUAL_ACCOUNTS",
    });
    await createGrant(membership.id, emea.id, "ADMIN");
    // Only Smart Account Administrators make tokens today (lib/api/create-token.ts); a token row
    // of Vera's shows what her authority reaches if she had one.
    const { token } = await createApiTokenRow(vera.id, { scopes: ["members:write"] });
    const answer = await api.addMembers(account.id, {
      token,
      body: {
        people: [
          { email: `in-${unique()}@example.com`, role: "USER", virtualAccounts: ["EMEA"] },
          { email: `out-${unique()}@example.com`, role: "USER", virtualAccounts: [americas.id] },
          { email: `whole-${unique()}@example.com`, role: "USER" },
        ],
      },
    });
    expect(
      (answer.json.lines as { outcome: string; reason: string | null }[]).map(
        (l) => l.reason ?? l.outcome,
      ),
    ).toEqual(["added", "outsideBranch", "outsideBranch"]);
  });

  it("answers any hostile body with a 4xx or a 200 report, never a 5xx (fast-check)", async () => {
    const { account, token } = await world();
    // JSON has no BigInt: sent as its digits.
    const value = fc
      .oneof(hostileText, wrongType)
      .map((v) => (typeof v === "bigint" ? String(v) : v));
    const person = fc.record(
      {
        email: value,
        role: fc.oneof(value, fc.constantFrom("USER", "admin")),
        virtualAccounts: fc.oneof(fc.array(value, { maxLength: 3 }), value),
        includeSubAccounts: fc.oneof(fc.boolean(), value),
        accessEnds: fc.oneof(value, fc.constantFrom("2030-01-01", "2000-01-01", "2030-02-30")),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.record({ people: fc.array(person, { maxLength: 3 }) }),
          fc.record({ people: value }),
          value,
        ),
        async (body) => {
          const answer = await api.addMembers(account.id, { token, body });
          expect(answer.status).toBeLessThan(500);
        },
      ),
      { numRuns: 60 },
    );
  });
});
