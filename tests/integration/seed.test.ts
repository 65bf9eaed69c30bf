import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { demoAccounts, demoRequests, demoUsers } from "@/lib/demo/demo-data";
import { demoHistoryRequests } from "@/lib/demo/demo-history";
import { seedDemoData } from "@/prisma/seed";

describe("demo data", () => {
  it("has what the demo needs, and seeding twice changes nothing", async () => {
    await seedDemoData(db);
    const counts = async () =>
      Promise.all([
        db.user.count(),
        db.account.count(),
        db.accountDomain.count(),
        db.membership.count(),
        db.accessRequest.count(),
        db.auditEvent.count(),
        db.emailMessage.count(),
        db.virtualAccount.count(),
      ]);
    const first = await counts();
    await seedDemoData(db);
    expect(await counts()).toEqual(first);

    const acme = await db.accountDomain.count({
      where: { domain: "acme.com", account: { status: "ACTIVE" } },
    });
    expect(acme).toBe(3);
    const initechAdmins = await db.membership.count({
      where: { accountId: "demo-account-initech", role: "ADMIN", active: true },
    });
    expect(initechAdmins).toBe(0);
    for (const status of ["PENDING", "APPROVED", "DENIED", "WITHDRAWN", "EXPIRED"] as const) {
      expect(await db.accessRequest.count({ where: { status } }), status).toBeGreaterThanOrEqual(2);
    }
    expect(await db.user.count({ where: { platformRole: "SUPPORT" } })).toBe(1);
    const incomplete = await db.user.findUniqueOrThrow({
      where: { email: "ines.incomplete@example.com" },
    });
    expect(incomplete.company).toBeNull();
    expect(first[1]).toBe(demoAccounts.length);
    // The hand-written requests, and the insights history (tests/integration/demo-history.test.ts).
    const historyRequests = demoHistoryRequests(new Date()).length;
    expect(first[4]).toBe(demoRequests.length + historyRequests);
    expect(demoUsers.length).toBeGreaterThanOrEqual(6);
    // Every demo request has its history.
    expect(await db.auditEvent.count({ where: { action: "request.submitted" } })).toBe(
      demoRequests.length + historyRequests,
    );
  });

  it("has the virtual-account trees of issue 27, a DEFAULT in every account", async () => {
    await seedDemoData(db);
    const tree = async (accountId: string) =>
      (
        await db.virtualAccount.findMany({
          where: { accountId },
          select: { name: true, parent: { select: { name: true } } },
          orderBy: { name: "asc" },
        })
      ).map(({ name, parent }) => (parent ? `${parent.name} / ${name}` : name));
    expect(await tree("demo-account-stark")).toEqual([
      "DEFAULT",
      "Engineering",
      "Engineering / Firmware",
      "Sales",
    ]);
    expect(await tree("demo-account-acme-corp")).toEqual([
      "Americas",
      "DEFAULT",
      "EMEA",
      "EMEA / France",
    ]);
    for (const { id } of demoAccounts) expect(await tree(id)).toContain("DEFAULT");
    // Vera administers Acme Corporation / EMEA with its sub-accounts; a few others have grants.
    const vera = await db.membership.findFirstOrThrow({
      where: { user: { email: "vera.va-admin@example.com" }, accountId: "demo-account-acme-corp" },
      select: {
        scope: true,
        grants: { select: { virtualAccountId: true, role: true, includeSubAccounts: true } },
      },
    });
    expect(vera).toEqual({
      scope: "VIRTUAL_ACCOUNTS",
      grants: [{ virtualAccountId: "demo-va-acme-emea", role: "ADMIN", includeSubAccounts: true }],
    });
    expect(demoUsers.map((user) => user.email)).toContain("vera.va-admin@example.com");
    const scoped = await db.membership.findMany({
      where: { scope: "VIRTUAL_ACCOUNTS" },
      select: { grants: { select: { virtualAccount: { select: { name: true } } } } },
    });
    expect(scoped.flatMap((m) => m.grants.map((g) => g.virtualAccount.name)).sort()).toEqual([
      "Americas",
      "EMEA",
      "Engineering",
      "France",
    ]);
  });

  it("has a membership ending within a week and one that ended, each linked to the request that granted it", async () => {
    const now = new Date();
    await seedDemoData(db, now);
    const endingSoon = await db.membership.findMany({
      where: {
        active: true,
        endsAt: { gt: now, lte: new Date(now.getTime() + 7 * 24 * 3600_000) },
      },
    });
    expect(endingSoon).toHaveLength(1);
    expect(endingSoon[0]!.grantedByRequestId).not.toBeNull();
    const ended = await db.membership.findMany({
      where: { active: false, endCause: "EXPIRED", endsAt: { lte: now } },
    });
    expect(ended).toHaveLength(1);
    expect(
      await db.auditEvent.count({
        where: { subjectId: ended[0]!.id, action: "membership.expired" },
      }),
    ).toBe(1);
  });

  it("does not undo what people did with the demo", async () => {
    await seedDemoData(db);
    await db.accessRequest.update({
      where: { id: "demo-request-pending-1" },
      data: { status: "WITHDRAWN" },
    });
    await seedDemoData(db);
    expect(
      (await db.accessRequest.findUniqueOrThrow({ where: { id: "demo-request-pending-1" } }))
        .status,
    ).toBe("WITHDRAWN");
  });
});
