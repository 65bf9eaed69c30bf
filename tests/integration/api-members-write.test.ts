import { describe, expect, it } from "vitest";
import { member as memberShape } from "@/lib/api/contract";
import { apiScopes } from "@/lib/api/rules";
import { db } from "@/lib/db/client";
import { createAccount, createAdmin, createMembership, createUser } from "../factories";
import { auditOf, emailsTo, membershipOf } from "./membership-helpers";
import { api, tokenFor } from "./api-client";

const DAY_MS = 24 * 3600_000;

/** An account, its only administrator with a members:write token, and a USER member ending in 10 days. */
async function world(options: { scopes?: (typeof apiScopes)[number][] } = {}) {
  const account = await createAccount();
  const admin = await createAdmin([account.id], { firstName: "Alice", lastName: "Admin" });
  const person = await createUser();
  const membership = await createMembership(person.id, account.id, "USER", {
    endsAt: new Date(Date.now() + 10 * DAY_MS),
  });
  const { token, id: tokenId } = await tokenFor(admin, {
    scopes: options.scopes ?? ["members:read", "members:write"],
  });
  return { account, admin, person, membership, token, tokenId };
}

const actionsOf = async (subjectId: string) =>
  (await auditOf(subjectId)).map((event) => event.action);
const tokenUses = (tokenId: string) =>
  db.auditEvent.findMany({
    where: { subjectId: tokenId, action: "apiToken.used" },
    select: { actorId: true, after: true },
  });

describe("member changes through /api/v1", () => {
  it("PATCH role changes it as the token's creator: the member answered, the UI's audit event, the email and the token's use", async () => {
    const { account, admin, person, membership, token, tokenId } = await world();
    // The email in the path is matched whatever its case, as the access check matches it.
    const answer = await api.updateMember(account.id, person.email.toUpperCase(), {
      token,
      body: { role: "VIEWER" },
    });
    expect(answer.status).toBe(200);
    expect(memberShape.parse(answer.json)).toMatchObject({
      email: person.email,
      role: "VIEWER",
      active: true,
      endedAt: null,
    });
    expect((await membershipOf(membership.id)).role).toBe("VIEWER");
    expect(await auditOf(membership.id)).toEqual([
      expect.objectContaining({
        action: "membership.roleChanged",
        actorId: admin.id,
        before: { role: "USER" },
      }),
    ]);
    expect((await emailsTo(person.email)).map((email) => email.template)).toEqual([
      "membership-role-changed",
    ]);
    expect(await tokenUses(tokenId)).toEqual([
      {
        actorId: admin.id,
        after: { membershipId: membership.id, accountId: account.id, change: "role" },
      },
    ]);
  });

  it("PATCH moves the end later by a preset, to a date, or removes it", async () => {
    const { account, person, membership, token } = await world();
    const byPreset = await api.updateMember(account.id, person.email, {
      token,
      body: { endsInDays: 90 },
    });
    expect(byPreset.status).toBe(200);
    const until = Date.parse(byPreset.json.until as string);
    expect(Math.abs(until - (Date.now() + 90 * DAY_MS))).toBeLessThan(60_000);
    const later = new Date(Date.now() + 200 * DAY_MS).toISOString().slice(0, 10);
    const byDate = await api.updateMember(account.id, person.email, {
      token,
      body: { endsOn: later },
    });
    expect(byDate.json.until).toBe(`${later}T00:00:00.000Z`);
    const permanent = await api.updateMember(account.id, person.email, {
      token,
      body: { permanent: true },
    });
    expect([permanent.status, permanent.json.until]).toEqual([200, null]);
    expect((await membershipOf(membership.id)).endsAt).toBeNull();
    expect(await actionsOf(membership.id)).toEqual([
      "membership.extended",
      "membership.extended",
      "membership.extended",
    ]);
  });

  it("PATCH of a role and an end changes both, or neither when the end is refused", async () => {
    const { account, person, membership, token, tokenId } = await world();
    const earlier = new Date(Date.now() + 2 * DAY_MS).toISOString().slice(0, 10);
    const refused = await api.updateMember(account.id, person.email, {
      token,
      body: { role: "VIEWER", endsOn: earlier },
    });
    expect(refused.json).toMatchObject({ status: 409, code: "CONFLICT", reason: "notLater" });
    expect((await membershipOf(membership.id)).role).toBe("USER");
    expect(await auditOf(membership.id)).toEqual([]);
    expect(await emailsTo(person.email)).toEqual([]);
    expect(await tokenUses(tokenId)).toEqual([]);
    const both = await api.updateMember(account.id, person.email, {
      token,
      body: { role: "VIEWER", endsInDays: 365 },
    });
    expect([both.status, both.json.role]).toEqual([200, "VIEWER"]);
    expect(await actionsOf(membership.id)).toEqual([
      "membership.roleChanged",
      "membership.extended",
    ]);
    expect(
      (await tokenUses(tokenId)).map((use) => (use.after as { change: string }).change),
    ).toEqual(["role+end"]);
  });

  it("DELETE ends the access with the reason emailed; the access check then answers 404", async () => {
    const { account, admin, person, membership, token, tokenId } = await world();
    const answer = await api.removeMember(account.id, person.email, {
      token,
      body: { reason: "Contract over" },
    });
    expect(answer.status).toBe(200);
    expect(memberShape.parse(answer.json)).toMatchObject({
      email: person.email,
      active: false,
      endedAt: expect.any(String),
    });
    expect(await membershipOf(membership.id)).toMatchObject({ active: false, endCause: "REMOVED" });
    expect(await auditOf(membership.id)).toEqual([
      expect.objectContaining({
        action: "membership.removed",
        actorId: admin.id,
        after: expect.objectContaining({ reason: "Contract over" }),
      }),
    ]);
    expect(await emailsTo(person.email)).toEqual([
      expect.objectContaining({
        template: "membership-removed",
        payload: expect.objectContaining({ reason: "Contract over" }),
      }),
    ]);
    expect(await tokenUses(tokenId)).toEqual([
      {
        actorId: admin.id,
        after: { membershipId: membership.id, accountId: account.id, change: "removed" },
      },
    ]);
    const { token: reader } = await tokenFor(admin, { scopes: ["members:read"] });
    expect((await api.checkAccess(account.id, person.email, { token: reader })).status).toBe(404);
    expect((await api.removeMember(account.id, person.email, { token })).json).toMatchObject({
      status: 409,
      reason: "ended",
    });
  });

  it("the last administrator cannot be demoted or removed: 409 lastAdmin with the account, and nothing changed", async () => {
    const { account, admin, token, tokenId } = await world();
    const demoted = await api.updateMember(account.id, admin.email, {
      token,
      body: { role: "USER" },
    });
    const removed = await api.removeMember(account.id, admin.email, { token });
    for (const answer of [demoted, removed]) {
      expect([
        answer.status,
        answer.headers.get("content-type"),
        answer.json.code,
        answer.json.reason,
        answer.json.accountId,
      ]).toEqual([409, "application/problem+json", "CONFLICT", "lastAdmin", account.id]);
    }
    const own = await db.membership.findUniqueOrThrow({
      where: { userId_accountId: { userId: admin.id, accountId: account.id } },
    });
    expect([own.role, own.active]).toEqual(["ADMIN", true]);
    expect(await auditOf(own.id)).toEqual([]);
    expect(await tokenUses(tokenId)).toEqual([]);
  });

  it("needs the scope members:write: a members:read token is refused with 403 and changes nothing", async () => {
    const { account, person, membership, token } = await world({
      scopes: apiScopes.filter((scope) => scope !== "members:write"),
    });
    const patch = await api.updateMember(account.id, person.email, {
      token,
      body: { role: "VIEWER" },
    });
    const remove = await api.removeMember(account.id, person.email, { token });
    for (const answer of [patch, remove])
      expect([answer.status, answer.json.requiredScope]).toEqual([403, "members:write"]);
    expect(await membershipOf(membership.id)).toMatchObject({ role: "USER", active: true });
  });

  it("answers 404 for another account, an account outside the token's limit, and a stranger; nothing changes", async () => {
    const { account, admin, person, membership, token } = await world();
    const other = await createAccount();
    await createAdmin([other.id]);
    const outsider = await createUser();
    const outsiderMembership = await createMembership(outsider.id, other.id, "USER");
    const sibling = await createAccount();
    await createMembership(admin.id, sibling.id, "ADMIN");
    const siblingMember = await createUser();
    const siblingMembership = await createMembership(siblingMember.id, sibling.id, "USER");
    const { token: limited } = await tokenFor(admin, {
      scopes: ["members:write"],
      accountIds: [account.id],
    });
    const calls = [
      api.updateMember(other.id, outsider.email, { token, body: { role: "VIEWER" } }),
      api.removeMember(other.id, outsider.email, { token }),
      api.updateMember(sibling.id, siblingMember.email, {
        token: limited,
        body: { role: "VIEWER" },
      }),
      api.removeMember(sibling.id, siblingMember.email, { token: limited }),
      api.updateMember(account.id, outsider.email, { token, body: { role: "VIEWER" } }),
      api.removeMember("no-such-account", person.email, { token }),
    ];
    for (const answer of await Promise.all(calls))
      expect([answer.status, answer.json.code]).toEqual([404, "NOT_FOUND"]);
    for (const id of [outsiderMembership.id, siblingMembership.id, membership.id])
      expect(await membershipOf(id)).toMatchObject({ role: "USER", active: true });
    // The limited token does reach its own account.
    expect(
      (
        await api.updateMember(account.id, person.email, {
          token: limited,
          body: { role: "VIEWER" },
        })
      ).status,
    ).toBe(200);
  });

  it("a revoked or expired token is refused with 401 and changes nothing", async () => {
    const { account, admin, person, membership } = await world();
    const revoked = await tokenFor(admin, { scopes: ["members:write"] });
    await db.apiToken.update({ where: { id: revoked.id }, data: { revokedAt: new Date() } });
    const expired = await tokenFor(admin, { scopes: ["members:write"] });
    await db.apiToken.update({
      where: { id: expired.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    for (const token of [revoked.token, expired.token]) {
      const patch = await api.updateMember(account.id, person.email, {
        token,
        body: { role: "VIEWER" },
      });
      const remove = await api.removeMember(account.id, person.email, { token });
      for (const answer of [patch, remove])
        expect([answer.status, answer.json.code]).toEqual([401, "UNAUTHENTICATED"]);
    }
    expect(await membershipOf(membership.id)).toMatchObject({ role: "USER", active: true });
  });

  it("refuses hostile or malformed input with a 400 problem naming the field, never a 500", async () => {
    const { account, person, membership, token } = await world();
    const cases: [Parameters<typeof api.updateMember>[2], string][] = [
      [{ body: {} }, "_form"],
      [{ body: { endsInDays: 45 } }, "endsInDays"],
      [{ body: { endsOn: "2026-02-30" } }, "endsOn"],
      [{ body: { role: "OWNER" } }, "role"],
      [{ body: { endsInDays: 30, endsOn: "2099-01-01" } }, "endsOn"],
      [
        { rawBody: '{"role":"VIEWER\\u0000"}', headers: { "content-type": "application/json" } },
        "role",
      ],
      [
        {
          rawBody: "role=VIEWER",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        },
        "_form",
      ],
    ];
    for (const [call, field] of cases) {
      const answer = await api.updateMember(account.id, person.email, { token, ...call });
      expect(
        [answer.status, answer.json.code, Object.keys(answer.json.errors as object)],
        JSON.stringify(call),
      ).toEqual([400, "VALIDATION", [field]]);
    }
    const longReason = await api.removeMember(account.id, person.email, {
      token,
      body: { reason: "x".repeat(1001) },
    });
    const notAnEmail = await api.removeMember(account.id, "not-an-email", { token });
    for (const answer of [longReason, notAnEmail])
      expect([answer.status, answer.json.code]).toEqual([400, "VALIDATION"]);
    expect(await membershipOf(membership.id)).toMatchObject({ role: "USER", active: true });
  });

  it("a token whose creator became support staff changes nothing (support staff are read-only)", async () => {
    const { account, admin, person, membership, token } = await world();
    await db.user.update({ where: { id: admin.id }, data: { platformRole: "SUPPORT" } });
    const patch = await api.updateMember(account.id, person.email, {
      token,
      body: { role: "VIEWER" },
    });
    const remove = await api.removeMember(account.id, person.email, { token });
    for (const answer of [patch, remove])
      expect([answer.status, answer.json.code]).toEqual([403, "FORBIDDEN"]);
    expect(await membershipOf(membership.id)).toMatchObject({ role: "USER", active: true });
  });
});
