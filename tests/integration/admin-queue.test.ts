import { describe, expect, it } from "vitest";
import { approveRequest } from "@/lib/admin/approve-or-deny";
import { visibleRequestsWhere } from "@/lib/admin/authority";
import { listQueue } from "@/lib/admin/list-queue";
import { parseQueueFilters } from "@/lib/admin/schema";
import { db } from "@/lib/db/client";
import { pendingCountsSql, queueQuery } from "@/lib/db/sql/admin-queue";
import { Prisma } from "@/lib/generated/prisma/client";
import { menuFor } from "@/lib/navigation/menu";
import { createAccount, createAdmin, createRequest, createUser } from "../factories";

const DAY_MS = 24 * 3600_000;
const filters = (params: Record<string, string> = {}) => parseQueueFilters(params);
const ids = (page: { rows: { id: string }[] }) => page.rows.map((row) => row.id);

describe("the administrators' queue", () => {
  it("lists pending requests of the admin's accounts, oldest first, and nothing else", async () => {
    const [a, b, c] = await Promise.all([
      createAccount({ name: "Queue A" }),
      createAccount({ name: "Queue B" }),
      createAccount({ name: "Queue C" }),
    ]);
    const admin = await createAdmin([a.id, b.id]);
    const a3 = await createRequest({ accountId: a.id, daysAgo: 3 });
    const a1 = await createRequest({ accountId: a.id, daysAgo: 1 });
    const b5 = await createRequest({ accountId: b.id, daysAgo: 5 });
    await createRequest({ accountId: c.id, daysAgo: 4 });
    await createRequest({ accountId: a.id, daysAgo: 2, status: "APPROVED" });
    await createRequest({ accountId: a.id, daysAgo: 2, requesterId: admin.id });

    const page = await listQueue(admin, filters());
    expect(ids(page)).toEqual([b5.id, a3.id, a1.id]);
    expect(page.accounts.map((account) => account.name)).toEqual(["Queue A", "Queue B"]);
    expect(page.rows[0]).toMatchObject({
      account: { name: "Queue B" },
      requester: { company: "Testing Inc." },
      status: "PENDING",
    });
    expect(page).toMatchObject({ next: null, previous: null, scope: "mine" });
  });

  it("filters by account, status, date range and requester name or email; order newest first", async () => {
    const [a, b] = await Promise.all([createAccount(), createAccount()]);
    const admin = await createAdmin([a.id, b.id]);
    const zoe = await createUser({
      firstName: "Zoé",
      lastName: "Quinn",
      email: "zoe.quinn@contoso.example",
    });
    const old = await createRequest({
      accountId: a.id,
      requesterId: zoe.id,
      createdAt: new Date("2026-03-10T12:00:00Z"),
    });
    const mid = await createRequest({
      accountId: b.id,
      createdAt: new Date("2026-03-15T23:59:00Z"),
    });
    const recent = await createRequest({
      accountId: a.id,
      createdAt: new Date("2026-03-20T00:00:00Z"),
      status: "DENIED",
    });

    expect(ids(await listQueue(admin, filters({ account: a.id })))).toEqual([old.id]);
    expect(ids(await listQueue(admin, filters({ account: a.id, status: "ALL" })))).toEqual([
      old.id,
      recent.id,
    ]);
    expect(ids(await listQueue(admin, filters({ status: "DENIED" })))).toEqual([recent.id]);
    expect(
      ids(await listQueue(admin, filters({ status: "ALL", from: "2026-03-11", to: "2026-03-15" }))),
    ).toEqual([mid.id]);
    expect(ids(await listQueue(admin, filters({ status: "ALL", order: "newest" })))).toEqual([
      recent.id,
      mid.id,
      old.id,
    ]);
    for (const q of ["zoé", "QUINN", "Zoé Quinn", "contoso.example"])
      expect(ids(await listQueue(admin, filters({ q, status: "ALL" }))), q).toEqual([old.id]);
    expect(ids(await listQueue(admin, filters({ q: "%" })))).toEqual([]);
    // An account the admin does not administer filters to nothing rather than to everything.
    expect(ids(await listQueue(admin, filters({ account: "someone-elses-account" })))).toEqual([]);
  });

  it("keyset pagination visits every row once, forwards and backwards, ties broken by id", async () => {
    const [a, b] = await Promise.all([createAccount(), createAccount()]);
    const admin = await createAdmin([a.id, b.id]);
    const base = Date.now() - 10 * DAY_MS;
    // Pairs of requests share a createdAt: only the id orders them.
    const created = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        createRequest({
          accountId: i % 2 ? a.id : b.id,
          createdAt: new Date(base + Math.floor(i / 2) * 60_000),
        }),
      ),
    );
    const expected = [...created]
      .sort((x, y) => x.createdAt.getTime() - y.createdAt.getTime() || (x.id < y.id ? -1 : 1))
      .map((r) => r.id);

    const seen: string[] = [];
    let page = await listQueue(admin, filters());
    const cursors: (string | null)[] = [];
    for (;;) {
      seen.push(...ids(page));
      cursors.push(page.previous);
      if (!page.next) break;
      page = await listQueue(admin, filters({ after: page.next }));
    }
    expect(seen).toEqual(expected);
    expect(cursors[0]).toBeNull();

    const back: string[] = [...ids(page)];
    while (page.previous) {
      page = await listQueue(admin, filters({ before: page.previous }));
      back.unshift(...ids(page));
    }
    expect(back).toEqual(expected);
    expect(page.previous).toBeNull();
  });

  it("decisions between two pages neither skip nor repeat requests", async () => {
    const account = await createAccount();
    const admin = await createAdmin([account.id]);
    const requests = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        createRequest({
          accountId: account.id,
          createdAt: new Date(Date.now() - (i + 1) * 3600_000),
        }),
      ),
    );
    const first = await listQueue(admin, filters());
    expect(first.rows).toHaveLength(25);
    for (const requestId of ids(first).slice(0, 5))
      await approveRequest.execute(admin, { requestId });
    const second = await listQueue(admin, filters({ after: first.next! }));
    expect([...ids(first), ...ids(second)].sort()).toEqual(requests.map((r) => r.id).sort());
  });

  it("a malformed cursor or filter shows the first page instead of failing", async () => {
    const account = await createAccount();
    const admin = await createAdmin([account.id]);
    const request = await createRequest({ accountId: account.id });
    const parsed = filters({
      after: "not-a-cursor",
      status: "NOPE",
      size: "7",
      order: "sideways",
      from: "2026-13-45",
    });
    expect(parsed).toMatchObject({ status: "PENDING", size: 25, order: "oldest", from: undefined });
    expect(ids(await listQueue(admin, parsed))).toEqual([request.id]);
  });

  it("a super administrator's escalated scope lists escalated requests of every active account; for anyone else it falls back", async () => {
    const [a, inactive] = await Promise.all([createAccount(), createAccount()]);
    await db.account.update({ where: { id: inactive.id }, data: { status: "INACTIVE" } });
    const superadmin = await createUser({ platformRole: "SUPERADMIN" });
    const escalated = await createRequest({ accountId: a.id, daysAgo: 9, escalatedAt: new Date() });
    await createRequest({ accountId: a.id, daysAgo: 2 });
    await createRequest({ accountId: inactive.id, daysAgo: 9, escalatedAt: new Date() });
    const page = await listQueue(superadmin, filters({ scope: "escalated" }));
    expect(page.scope).toBe("escalated");
    expect(ids(page)).toContain(escalated.id);
    expect(page.rows.every((row) => row.escalatedAt !== null)).toBe(true);
    expect(page.rows.some((row) => row.account.id === inactive.id)).toBe(false);

    const admin = await createAdmin([]);
    expect(await listQueue(admin, filters({ scope: "escalated" }))).toMatchObject({
      scope: "mine",
      rows: [],
    });
  });

  it("a super administrator who administers no account gets the escalated scope without asking; one who does keeps their own", async () => {
    const account = await createAccount();
    const escalated = await createRequest({
      accountId: account.id,
      daysAgo: 9,
      escalatedAt: new Date(),
    });
    const mine = await createRequest({ accountId: account.id, daysAgo: 8 });
    const superadmin = await createUser({ platformRole: "SUPERADMIN" });
    const page = await listQueue(superadmin, filters());
    expect(page).toMatchObject({ scope: "escalated", accounts: [] });
    expect(ids(page)).toContain(escalated.id);
    expect(ids(page)).not.toContain(mine.id);

    const administering = await createAdmin([account.id], { platformRole: "SUPERADMIN" });
    expect(await listQueue(administering, filters())).toMatchObject({
      scope: "mine",
      rows: [{ id: escalated.id }, { id: mine.id }],
    });
  });

  it("the menu's badge and the account filter count what the dashboard shows, pending", async () => {
    const [a, b, other] = await Promise.all([
      createAccount({ name: "Badge A" }),
      createAccount({ name: "Badge B" }),
      createAccount(),
    ]);
    const admin = await createAdmin([a.id, b.id]);
    await Promise.all([
      createRequest({ accountId: a.id }),
      createRequest({ accountId: a.id }),
      createRequest({ accountId: b.id }),
      createRequest({ accountId: a.id, status: "APPROVED" }),
      createRequest({ accountId: a.id, requesterId: admin.id }),
      createRequest({ accountId: other.id }),
      createRequest({ accountId: other.id, escalatedAt: new Date() }),
    ]);
    const superadmin = await createAdmin([a.id], { platformRole: "SUPERADMIN" });
    const dashboardPending = (user: typeof admin) =>
      db.accessRequest.count({
        where: { AND: [{ status: "PENDING" }, visibleRequestsWhere(user)] },
      });

    expect(
      (await listQueue(admin, filters())).accounts.map((account) => [
        account.name,
        account.pending,
      ]),
    ).toEqual([
      ["Badge A", 2],
      ["Badge B", 1],
    ]);
    expect((await menuFor(admin)).pendingForAdmin).toBe(3);
    expect(await dashboardPending(admin)).toBe(3);
    // A super administrator also counts every escalated request of an active account.
    const superadminBadge = (await menuFor(superadmin)).pendingForAdmin;
    expect(superadminBadge).toBe(await dashboardPending(superadmin));
    expect(superadminBadge).toBeGreaterThanOrEqual(4);
  });
});

type PlanNode = {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
};
const nodes = (node: PlanNode): PlanNode[] => [node, ...(node.Plans ?? []).flatMap(nodes)];

describe("the queue at scale", () => {
  it(
    "walks indexes, never the AccessRequest table, with 200,000 requests in the database",
    { timeout: 120_000 },
    async () => {
      await db.$executeRaw`INSERT INTO "User" ("id", "email", "firstName", "lastName", "updatedAt")
      SELECT 'scale-user-' || g, 'scale' || g || '@example.com', 'Scale', 'User ' || g, now() FROM generate_series(0, 2000) g`;
      await db.$executeRaw`INSERT INTO "Account" ("id", "name", "updatedAt") SELECT 'scale-account-' || g, 'Scale ' || g, now() FROM generate_series(0, 99) g`;
      // g = 100 × requester + account: every (requester, account) pair appears once, so the
      // one-pending-per-pair index holds; a tenth are pending, the rest decided.
      await db.$executeRaw`INSERT INTO "AccessRequest" ("id", "requesterId", "accountId", "domain", "reason", "status", "createdAt", "expiresAt", "updatedAt", "escalatedAt")
      SELECT 'scale-request-' || g, 'scale-user-' || (g / 100), 'scale-account-' || (g % 100), 'scale.example', 'Scale test',
             (CASE (g / 100) % 10 WHEN 0 THEN 'PENDING' WHEN 6 THEN 'DENIED' WHEN 7 THEN 'DENIED' WHEN 8 THEN 'EXPIRED' WHEN 9 THEN 'WITHDRAWN' ELSE 'APPROVED' END)::"AccessRequestStatus",
             now() - g * interval '13 seconds', now() + interval '30 days', now(),
             CASE WHEN (g / 100) % 7 = 0 THEN now() END
        FROM generate_series(0, 199999) g`;
      await db.$executeRaw`ANALYZE`;
      const admin = await createAdmin(["scale-account-1", "scale-account-2", "scale-account-3"]);
      const superadmin = await createUser({ platformRole: "SUPERADMIN" });
      const someCursor = (await listQueue(admin, filters())).next!;
      expect(someCursor).toBeTruthy();

      const cases: [string, Parameters<typeof queueQuery>][] = [
        [
          "default pending queue",
          [admin, filters(), ["scale-account-1", "scale-account-2", "scale-account-3"]],
        ],
        [
          "next page",
          [
            admin,
            filters({ after: someCursor }),
            ["scale-account-1", "scale-account-2", "scale-account-3"],
          ],
        ],
        [
          "previous page, newest first",
          [
            admin,
            filters({ before: someCursor, order: "newest" }),
            ["scale-account-1", "scale-account-2", "scale-account-3"],
          ],
        ],
        [
          "all statuses, one account, date range",
          [
            admin,
            filters({ status: "ALL", from: "2026-01-01", to: "2030-01-01" }),
            ["scale-account-2"],
          ],
        ],
        [
          "search by name",
          [
            admin,
            filters({ status: "ALL", q: "User 42" }),
            ["scale-account-1", "scale-account-2", "scale-account-3"],
          ],
        ],
        ["escalated scope", [superadmin, filters({ scope: "escalated" }), null]],
      ];
      for (const [name, args] of cases) {
        const [plan] = await db.$queryRaw<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>(
          Prisma.sql`EXPLAIN (FORMAT JSON) ${queueQuery(...args)}`,
        );
        const all = nodes(plan!["QUERY PLAN"][0].Plan);
        const onRequests = all.filter((node) => node["Relation Name"] === "AccessRequest");
        expect(onRequests.length, name).toBeGreaterThan(0);
        // Index scans, or a bitmap heap scan fed by index scans: never the whole table.
        for (const node of onRequests)
          expect(["Index Scan", "Index Only Scan", "Bitmap Heap Scan"], name).toContain(
            node["Node Type"],
          );
      }

      // The pending counts (menu badge, account filter) read the partial index of pending requests.
      const [countPlan] = await db.$queryRaw<{ "QUERY PLAN": [{ Plan: PlanNode }] }[]>(
        Prisma.sql`EXPLAIN (FORMAT JSON) ${pendingCountsSql(admin.id, ["scale-account-1", "scale-account-2", "scale-account-3"])}`,
      );
      const countNodes = nodes(countPlan!["QUERY PLAN"][0].Plan);
      expect(
        countNodes.filter(
          (node) => node["Relation Name"] === "AccessRequest" && node["Node Type"] === "Seq Scan",
        ),
      ).toEqual([]);
      expect(countNodes.map((node) => node["Index Name"])).toContain(
        "AccessRequest_pending_account_requester_idx",
      );

      // And the page itself is right: the oldest pending requests of those three accounts.
      const page = await listQueue(admin, filters());
      const expected = await db.accessRequest.findMany({
        where: {
          accountId: { in: ["scale-account-1", "scale-account-2", "scale-account-3"] },
          status: "PENDING",
        },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        take: 25,
        select: { id: true },
      });
      expect(ids(page)).toEqual(expected.map((row) => row.id));
    },
  );
});
