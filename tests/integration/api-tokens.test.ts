import { describe, expect, it } from "vitest";
import { createApiToken } from "@/lib/api/create-token";
import { listApiTokens } from "@/lib/api/list-tokens";
import { revokeApiToken } from "@/lib/api/revoke-token";
import { db } from "@/lib/db/client";
import { createAccount, createAdmin, createRequest, createUser } from "../factories";
import { appErrorOf } from "./app-error-of";
import { api, tokenFor } from "./api-client";

const input = {
  name: "CRM sync",
  scopes: ["members:read"],
  lifetimeDays: 30,
  accountIds: [] as string[],
};

describe("creating and revoking API tokens", () => {
  it("an administrator creates a token shown once, expiring after the chosen days, and the creation is audited", async () => {
    const account = await createAccount();
    const admin = await createAdmin([account.id]);
    const created = await createApiToken.execute(admin, {
      ...input,
      scopes: ["members:read", "members:read", "requests:read"],
      lifetimeDays: 7,
    });
    expect(created.token).toMatch(/^sap_[A-Za-z0-9_-]{43}$/);
    expect(created.expiresAt.getTime() - Date.now()).toBeGreaterThan(7 * 24 * 3600_000 - 60_000);
    const [listed] = await listApiTokens(admin);
    expect(listed).toMatchObject({
      id: created.id,
      name: "CRM sync",
      scopes: ["members:read", "requests:read"],
      accounts: [],
      revokedAt: null,
    });
    expect(JSON.stringify(listed)).not.toContain(created.token);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { subjectId: created.id } });
    expect(audit).toMatchObject({ action: "apiToken.created", actorId: admin.id });
    expect(JSON.stringify(audit.after)).not.toContain(created.token);
  });

  it("someone who administers no account cannot create one; nobody limits a token to an account they do not administer", async () => {
    const [mine, theirs] = await Promise.all([createAccount(), createAccount()]);
    const admin = await createAdmin([mine.id]);
    expect((await appErrorOf(createApiToken.execute(await createUser(), input))).code).toBe(
      "FORBIDDEN",
    );
    expect(
      await appErrorOf(
        createApiToken.execute(admin, { ...input, accountIds: [mine.id, theirs.id] }),
      ),
    ).toMatchObject({
      code: "VALIDATION",
      details: { fieldErrors: { accountIds: "accountNotAdministered" } },
    });
    expect(await db.apiToken.count({ where: { creatorId: admin.id } })).toBe(0);
  });

  it("a super administrator who administers no account may create one (for the escalated requests)", async () => {
    const superAdmin = await createUser({ platformRole: "SUPERADMIN" });
    const created = await createApiToken.execute(superAdmin, {
      ...input,
      scopes: ["requests:read"],
    });
    const account = await createAccount();
    const escalated = await createRequest({ accountId: account.id, escalatedAt: new Date() });
    await createRequest({ accountId: account.id });
    const answer = await api.listRequests({ token: created.token, query: { scope: "escalated" } });
    expect((answer.json.data as { id: string }[]).map((row) => row.id)).toEqual([escalated.id]);
  });

  it("refuses invalid input with the form's codes", async () => {
    const admin = await createAdmin([(await createAccount()).id]);
    const codes = async (raw: unknown) =>
      (await appErrorOf(createApiToken.execute(admin, raw))).details.fieldErrors as Record<
        string,
        string
      >;
    expect(await codes({ ...input, name: " " })).toEqual({ name: "nameRequired" });
    expect(await codes({ ...input, scopes: [] })).toEqual({ scopes: "scopesRequired" });
    expect(await codes({ ...input, scopes: ["admin:all"] })).toEqual({
      "scopes.0": "scopeInvalid",
    });
    expect(await codes({ ...input, lifetimeDays: 10_000 })).toEqual({
      lifetimeDays: "lifetimeInvalid",
    });
  });

  it("the creator revokes it (audited): from the next call on it is refused; nobody else can revoke it", async () => {
    const account = await createAccount();
    const admin = await createAdmin([account.id]);
    const colleague = await createAdmin([account.id]);
    const { id, token } = await tokenFor(admin);
    expect((await api.listAccounts({ token })).status).toBe(200);
    expect((await appErrorOf(revokeApiToken.execute(colleague, { tokenId: id }))).code).toBe(
      "NOT_FOUND",
    );
    expect((await api.listAccounts({ token })).status).toBe(200);
    await revokeApiToken.execute(admin, { tokenId: id });
    expect((await api.listAccounts({ token })).status).toBe(401);
    expect((await appErrorOf(revokeApiToken.execute(admin, { tokenId: id }))).code).toBe(
      "NOT_FOUND",
    );
    expect(
      await db.auditEvent.count({
        where: { subjectId: id, action: "apiToken.revoked", actorId: admin.id },
      }),
    ).toBe(1);
  });
});
