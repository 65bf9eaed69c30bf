import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { approveRequest } from "@/lib/admin/approve-or-deny";
import { listQueue } from "@/lib/admin/list-queue";
import { parseQueueFilters } from "@/lib/admin/schema";
import { db } from "@/lib/db/client";
import {
  createAccount,
  createAdmin,
  createMembership,
  createRequest,
  createUser,
} from "../factories";
import { api, tokenFor } from "./api-client";

async function adminWithToken() {
  const account = await createAccount();
  const admin = await createAdmin([account.id], { firstName: "Alice", lastName: "Admin" });
  const { token, id } = await tokenFor(admin);
  return { account, admin, token, tokenId: id };
}

describe("the requests of /api/v1", () => {
  it("lists the queue with the UI's filters, rows and cursors, and a UI cursor works in the API", async () => {
    const { account, admin, token } = await adminWithToken();
    for (let day = 30; day > 0; day -= 1)
      await createRequest({ accountId: account.id, daysAgo: day });
    await createRequest({ accountId: account.id, status: "DENIED" });
    const ui = await listQueue(admin, parseQueueFilters({ status: "PENDING", size: "25" }));
    const first = await api.listRequests({ token });
    expect(first.status).toBe(200);
    expect((first.json.data as { id: string }[]).map((row) => row.id)).toEqual(
      ui.rows.map((row) => row.id),
    );
    expect(first.json.next).toBe(ui.next);
    const second = await api.listRequests({ token, query: { after: ui.next! } });
    expect((second.json.data as unknown[]).length).toBe(5);
    expect(second.json.previous).toBeTruthy();
    const all = await api.listRequests({
      token,
      query: { status: "ALL", order: "newest", size: "50" },
    });
    expect((all.json.data as { status: string }[]).map((row) => row.status)).toContain("DENIED");
    expect((all.json.data as unknown[]).length).toBe(31);
  });

  it("answers a malformed filter or cursor with a 400 problem naming the field, never a default", async () => {
    const { token } = await adminWithToken();
    const cases: [Record<string, string>, string][] = [
      [{ status: "BOGUS" }, "status"],
      [{ size: "1e400" }, "size"],
      [{ size: "abc" }, "size"],
      [{ from: "2026-02-30" }, "from"],
      [{ after: "not-a-cursor" }, "after"],
      [{ q: "x".repeat(500) }, "q"],
    ];
    for (const [query, field] of cases) {
      const answer = await api.listRequests({ token, query });
      expect(
        [
          answer.status,
          answer.headers.get("content-type"),
          answer.json.code,
          Object.keys(answer.json.errors as object),
        ],
        JSON.stringify(query),
      ).toEqual([400, "application/problem+json", "VALIDATION", [field]]);
    }
  });

  it("gets one request with its requester's profile", async () => {
    const { account, token } = await adminWithToken();
    const request = await createRequest({ accountId: account.id });
    const answer = await api.getRequest(request.id, { token });
    expect(answer.status).toBe(200);
    expect(answer.json).toMatchObject({
      id: request.id,
      status: "PENDING",
      account: { id: account.id },
      requester: { company: "Testing Inc.", jobTitle: "Tester" },
      currentMembership: null,
    });
  });

  it("approves as the token's creator: membership, the requester's email, the UI's audit event and the token's use, at once", async () => {
    const { account, admin, token, tokenId } = await adminWithToken();
    const request = await createRequest({ accountId: account.id });
    const answer = await api.approve(request.id, { token, body: { role: "VIEWER" } });
    expect(answer).toMatchObject({ status: 200, json: { id: request.id, status: "APPROVED" } });
    expect(
      await db.membership.findFirstOrThrow({
        where: { userId: request.requesterId, accountId: account.id },
      }),
    ).toMatchObject({ role: "VIEWER", active: true });
    expect(
      await db.emailMessage.findMany({
        where: { requestId: request.id },
        select: { template: true },
      }),
    ).toEqual([{ template: "request-approved" }]);
    const events = await db.auditEvent.findMany({
      where: { actorId: admin.id, action: { in: ["request.approved", "apiToken.used"] } },
      orderBy: { id: "asc" },
    });
    expect(events.map((event) => [event.action, event.subjectId])).toEqual([
      ["request.approved", request.id],
      ["apiToken.used", tokenId],
    ]);
    expect(events[1]!.after).toEqual({ requestId: request.id, decision: "APPROVED" });
  });

  it("first decision wins: a second decision, through the API or after the UI, is told who decided and when", async () => {
    const { account, token } = await adminWithToken();
    const colleague = await createAdmin([account.id], {
      firstName: "Colin",
      lastName: "Colleague",
    });
    const viaApi = await createRequest({ accountId: account.id });
    await api.deny(viaApi.id, { token, body: { reason: "Ask your reseller" } });
    const again = await api.approve(viaApi.id, { token });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({
      code: "CONFLICT",
      requestStatus: "DENIED",
      decidedBy: "Alice Admin",
    });
    expect(again.json.detail).toMatch(
      /^The request is already denied by Alice Admin at \d{4}-\d\d-\d\dT/,
    );

    const viaUi = await createRequest({ accountId: account.id });
    await approveRequest.execute(colleague, { requestId: viaUi.id, role: "USER" });
    const late = await api.deny(viaUi.id, { token });
    expect(late.json).toMatchObject({
      status: 409,
      requestStatus: "APPROVED",
      decidedBy: "Colin Colleague",
    });
    expect(await db.emailMessage.count({ where: { requestId: viaUi.id } })).toBe(1);
  });

  it("nobody approves their own request, through the API either", async () => {
    const { account, admin, token } = await adminWithToken();
    const own = await createRequest({ accountId: account.id, requesterId: admin.id });
    expect((await api.approve(own.id, { token })).status).toBe(404);
    expect((await db.accessRequest.findUniqueOrThrow({ where: { id: own.id } })).status).toBe(
      "PENDING",
    );
  });

  it("parses a decision with the UI's schemas: an unknown role or a too long reason is a 400 with the UI's field codes", async () => {
    const { account, token } = await adminWithToken();
    const request = await createRequest({ accountId: account.id });
    expect((await api.approve(request.id, { token, body: { role: "OWNER" } })).json).toMatchObject({
      status: 400,
      errors: { role: "roleInvalid" },
    });
    expect((await api.approve(request.id, { token, body: { role: 5 } })).json).toMatchObject({
      status: 400,
      errors: { role: "roleInvalid" },
    });
    expect(
      (await api.deny(request.id, { token, body: { reason: "x".repeat(1001) } })).json,
    ).toMatchObject({ status: 400, errors: { reason: "reasonTooLong" } });
    expect((await db.accessRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe(
      "PENDING",
    );
  });

  it("answers hostile input with a 4xx problem, never a 500", async () => {
    const { account, token } = await adminWithToken();
    const request = await createRequest({ accountId: account.id });
    const answers = [
      await api.getRequest("abc\u0000def", { token }),
      await api.getRequest("\ud800", { token }),
      await api.approve("a\u0000", { token }),
      await api.getRequest("9".repeat(5000), { token }),
      await api.approve(request.id, {
        token,
        rawBody: "{not json",
        headers: { "content-type": "application/json" },
      }),
      await api.approve(request.id, {
        token,
        rawBody: "[1,2]",
        headers: { "content-type": "application/json" },
      }),
      await api.approve(request.id, {
        token,
        rawBody: '{"role":"USER"}',
        headers: { "content-type": "text/plain" },
      }),
      await api.approve(request.id, {
        token,
        rawBody: '{"role":"\\u0000"}',
        headers: { "content-type": "application/json" },
      }),
      await api.deny(request.id, {
        token,
        rawBody: '{"reason":"\\udc00"}',
        headers: { "content-type": "application/json" },
      }),
      await api.deny(request.id, { token, body: { reason: "x".repeat(20_000) } }),
      await api.listRequests({ token, query: { q: "a\u0000b" } }),
      await api.listRequests({ token, query: { size: "99999999999999999999999" } }),
      await api.checkAccess(account.id, "not-an-email", { token }),
      await api.checkAccess("x\u0000", "a@example.com", { token }),
      await api.listMembers(account.id, { token, query: { page: "1e400" } }),
    ];
    for (const { status, headers } of answers) {
      const type = headers.get("content-type");
      expect(status).toBeGreaterThanOrEqual(200);
      expect(status).toBeLessThan(500);
      if (status >= 400) expect(type).toBe("application/problem+json");
    }
    // An id past its documented 100 characters is malformed (400), like the other three.
    expect(answers.slice(0, 4).map((answer) => answer.status)).toEqual([400, 400, 400, 400]);
    expect((await db.accessRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe(
      "PENDING",
    );
  });

  it("sends an ETag on reads and answers 304 while nothing changed", async () => {
    const { account, token } = await adminWithToken();
    const request = await createRequest({ accountId: account.id });
    const first = await api.getRequest(request.id, { token });
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^W\/"/);
    const unchanged = await api.getRequest(request.id, {
      token,
      headers: { "if-none-match": etag },
    });
    expect(unchanged.status).toBe(304);
    await api.deny(request.id, { token });
    const changed = await api.getRequest(request.id, { token, headers: { "if-none-match": etag } });
    expect([changed.status, changed.json.status]).toEqual([200, "DENIED"]);
    expect(changed.headers.get("etag")).not.toBe(etag);
  });

  it("limits decisions per token, with Retry-After and the RateLimit headers the document states", async () => {
    const { token } = await adminWithToken();
    const { token: other } = await adminWithToken();
    const statuses: number[] = [];
    for (let i = 0; i < 61; i += 1)
      statuses.push((await api.deny(`missing-${i}`, { token })).status);
    expect(statuses.slice(0, 60).every((status) => status === 404)).toBe(true);
    const refused = await api.deny("missing", { token });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.json).toMatchObject({
      code: "RATE_LIMITED",
      retryAfterSeconds: Number(refused.headers.get("retry-after")),
    });
    expect(
      ["ratelimit-limit", "ratelimit-remaining", "ratelimit-reset"].map((name) =>
        refused.headers.get(name),
      ),
    ).toEqual(["60", "0", refused.headers.get("retry-after")]);
    // Per token: another token is not affected.
    expect((await api.deny("missing", { token: other })).status).toBe(404);
  });
});

describe("the access check", () => {
  it("answers an active member's role, since and until, whatever the case of the address", async () => {
    const { account, token } = await adminWithToken();
    const member = await createUser();
    await createMembership(member.id, account.id, "VIEWER");
    const answer = await api.checkAccess(account.id, member.email.toUpperCase(), { token });
    const membership = await db.membership.findFirstOrThrow({ where: { userId: member.id } });
    expect(answer.json).toEqual({
      accountId: account.id,
      email: member.email,
      scope: "account",
      role: "VIEWER",
      since: membership.createdAt.toISOString(),
      until: null,
    });
  });

  it("answers 404 for a former member, a disabled user, a stranger and an unknown address alike", async () => {
    const { account, token } = await adminWithToken();
    const [former, disabled, stranger] = await Promise.all([
      createUser(),
      createUser(),
      createUser(),
    ]);
    await createMembership(former.id, account.id, "USER", { active: false });
    await createMembership(disabled.id, account.id, "USER");
    await db.user.update({ where: { id: disabled.id }, data: { disabledAt: new Date() } });
    const answers = await Promise.all(
      [former.email, disabled.email, stranger.email, "nobody@example.com"].map((email) =>
        api.checkAccess(account.id, email, { token }),
      ),
    );
    expect(answers.map((answer) => [answer.status, answer.json.code])).toEqual(
      Array(4).fill([404, "NOT_FOUND"]),
    );
    expect(new Set(answers.map((answer) => answer.json.detail)).size).toBe(1);
  });
});

describe("API tokens", () => {
  it("are stored as a SHA-256 only: the token itself is nowhere in the database", async () => {
    const { token, tokenId } = await adminWithToken();
    const row = await db.apiToken.findUniqueOrThrow({ where: { id: tokenId } });
    expect(row.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    expect(token.startsWith(row.prefix)).toBe(true);
    const tables = await db.$queryRaw<
      { tablename: string }[]
    >`SELECT tablename FROM pg_tables WHERE schemaname = 'public'`;
    for (const { tablename } of tables) {
      const [found] = await db.$queryRawUnsafe<{ n: number }[]>(
        `SELECT count(*)::int AS n FROM "${tablename}" t WHERE t::text LIKE $1`,
        `%${token.slice(10)}%`,
      );
      expect(found!.n, tablename).toBe(0);
    }
  });

  it("record their last use at most once a minute", async () => {
    const { account, token, tokenId } = await adminWithToken();
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: tokenId } })).lastUsedAt).toBeNull();
    await api.listAccounts({ token });
    const first = (await db.apiToken.findUniqueOrThrow({ where: { id: tokenId } })).lastUsedAt!;
    await api.checkAccess(account.id, "a@example.com", { token });
    await api.listAccounts({ token });
    expect((await db.apiToken.findUniqueOrThrow({ where: { id: tokenId } })).lastUsedAt).toEqual(
      first,
    );
    await db.apiToken.update({
      where: { id: tokenId },
      data: { lastUsedAt: new Date(Date.now() - 61_000) },
    });
    await api.checkAccess(account.id, "a@example.com", { token });
    expect(
      (await db.apiToken.findUniqueOrThrow({ where: { id: tokenId } })).lastUsedAt!.getTime(),
    ).toBeGreaterThan(first.getTime());
  });
});
