import { describe, expect, it } from "vitest";
import { approveRequest, denyRequest } from "@/lib/admin/approve-or-deny";
import { decideInBulk } from "@/lib/admin/bulk-decision";
import { listQueue, pendingCountsByAccount } from "@/lib/admin/list-queue";
import { listAdministeredAccounts } from "@/lib/admin/members";
import { getRequestForAdmin } from "@/lib/admin/request-detail";
import { parseQueueFilters } from "@/lib/admin/schema";
import { db } from "@/lib/db/client";
import { changeMemberRole } from "@/lib/memberships/change-role";
import { extendMembership } from "@/lib/memberships/extend-membership";
import { listAccountMembers } from "@/lib/memberships/list-members";
import { removeMember } from "@/lib/memberships/remove-member";
import { parseMembersFilters } from "@/lib/memberships/schema";
import { menuFor } from "@/lib/navigation/menu";
import {
  createAccount,
  createAdmin,
  createMembership,
  createRequest,
  createUser,
} from "../factories";
import { appErrorOf } from "./app-error-of";

/** What could change when someone decides: none of it may move. */
async function snapshot(requestId: string, requesterId: string, accountId: string) {
  return {
    request: await db.accessRequest.findUniqueOrThrow({ where: { id: requestId } }),
    memberships: await db.membership.count({ where: { userId: requesterId, accountId } }),
    emails: await db.emailMessage.count({ where: { requestId } }),
    audit: await db.auditEvent.count({ where: { subjectId: requestId } }),
  };
}

describe("an administrator of account A and a request of account B", () => {
  it("tries every read and every action on B's request and gets nothing", async () => {
    const [a, b] = await Promise.all([
      createAccount({ name: "Account A" }),
      createAccount({ name: "Account B" }),
    ]);
    const adminOfA = await createAdmin([a.id]);
    await createAdmin([b.id]);
    // Membership of B that gives no authority: a plain user, and a former (inactive) admin.
    await createMembership(adminOfA.id, b.id, "USER");
    const requestOfB = await createRequest({
      accountId: b.id,
      daysAgo: 9,
      escalatedAt: new Date(),
    });
    await createRequest({ accountId: b.id, status: "APPROVED" });
    const before = await snapshot(requestOfB.id, requestOfB.requesterId, b.id);

    // Reads: the detail (id guessed), the queue whatever the filters, members, counts, the badge.
    expect(await getRequestForAdmin(adminOfA, requestOfB.id)).toBeNull();
    for (const params of [
      {},
      { account: b.id },
      { account: b.id, status: "ALL" },
      { scope: "escalated", status: "ALL" },
      { q: "Test" },
    ]) {
      const page = await listQueue(adminOfA, parseQueueFilters(params));
      expect(
        page.rows.filter((row) => row.account.id === b.id),
        JSON.stringify(params),
      ).toEqual([]);
      expect(page.accounts.map((account) => account.id)).toEqual([a.id]);
    }
    expect(await listAccountMembers(adminOfA, b.id, parseMembersFilters({}))).toBeNull();
    expect((await listAdministeredAccounts(adminOfA)).map((account) => account.id)).toEqual([a.id]);
    const user = await db.user.findUniqueOrThrow({ where: { id: adminOfA.id } });
    expect((await menuFor(user)).pendingForAdmin).toBe(0);

    // Actions, as if the form were replayed with B's request id.
    expect(
      (
        await appErrorOf(
          approveRequest.execute(adminOfA, { requestId: requestOfB.id, role: "ADMIN" }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    expect(
      (await appErrorOf(denyRequest.execute(adminOfA, { requestId: requestOfB.id, reason: "no" })))
        .code,
    ).toBe("NOT_FOUND");
    for (const decision of [
      { decision: "approve", role: "USER" },
      { decision: "deny", reason: "no" },
    ] as const) {
      const result = await decideInBulk.execute(adminOfA, {
        ...decision,
        requestIds: [requestOfB.id],
      });
      expect(result).toEqual({
        decided: [],
        alreadyDecided: [],
        refused: [],
        notFound: [requestOfB.id],
      });
    }

    // B's members, whatever A's administrator asks (their own USER membership of B included).
    const membersOfB = await db.membership.findMany({
      where: { accountId: b.id },
      select: { id: true },
    });
    for (const { id: membershipId } of membersOfB) {
      expect(
        (await appErrorOf(changeMemberRole.execute(adminOfA, { membershipId, role: "ADMIN" })))
          .code,
      ).toBe("NOT_FOUND");
      expect((await appErrorOf(removeMember.execute(adminOfA, { membershipId }))).code).toBe(
        "NOT_FOUND",
      );
      expect(
        (await appErrorOf(extendMembership.execute(adminOfA, { membershipId, endsInDays: 365 })))
          .code,
      ).toBe("NOT_FOUND");
    }

    expect(await snapshot(requestOfB.id, requestOfB.requesterId, b.id)).toEqual(before);
    expect(
      await db.membership.findMany({
        where: { accountId: b.id },
        select: { id: true, role: true, active: true, endsAt: true },
      }),
    ).toEqual(membersOfB.map(() => expect.objectContaining({ active: true, endsAt: null })));
  });

  it("the NOT_FOUND for another account's request is the same as for a request that does not exist", async () => {
    const [a, b] = await Promise.all([createAccount(), createAccount()]);
    const adminOfA = await createAdmin([a.id]);
    const requestOfB = await createRequest({ accountId: b.id });
    const foreign = await appErrorOf(
      approveRequest.execute(adminOfA, { requestId: requestOfB.id }),
    );
    const missing = await appErrorOf(
      approveRequest.execute(adminOfA, { requestId: "no-such-request" }),
    );
    expect(foreign).toEqual(missing);
  });

  it("a user who administers nothing sees and decides nothing", async () => {
    const account = await createAccount();
    await createAdmin([account.id]);
    const request = await createRequest({ accountId: account.id });
    const nobody = await createUser();
    expect(await getRequestForAdmin(nobody, request.id)).toBeNull();
    expect(await listQueue(nobody, parseQueueFilters({ status: "ALL" }))).toMatchObject({
      rows: [],
      accounts: [],
    });
    expect(await pendingCountsByAccount(nobody, [])).toEqual(new Map());
    expect((await appErrorOf(approveRequest.execute(nobody, { requestId: request.id }))).code).toBe(
      "NOT_FOUND",
    );
  });

  it("the administrator of B sees the request, its history and the members of B", async () => {
    const b = await createAccount({ name: "Account B" });
    const adminOfB = await createAdmin([b.id]);
    const member = await createUser({ firstName: "Mia" });
    await createMembership(member.id, b.id, "VIEWER");
    const request = await createRequest({ accountId: b.id });
    await denyRequest.execute(adminOfB, { requestId: request.id, reason: "Not this one" });

    const view = await getRequestForAdmin(adminOfB, request.id);
    expect(view).toMatchObject({
      canDecide: false,
      onBehalfOfAccount: false,
      request: { status: "DENIED", decisionNote: "Not this one" },
    });
    expect(view!.history.map((event) => event.action)).toEqual(["request.denied"]);
    expect(view!.history[0]!.details).toMatchObject({
      reason: "Not this one",
      onBehalfOfAccount: false,
      bulk: false,
    });
    const members = await listAccountMembers(adminOfB, b.id, parseMembersFilters({}));
    expect(members!.members.map((m) => [m.user.firstName, m.role])).toEqual([
      ["Test", "ADMIN"],
      ["Mia", "VIEWER"],
    ]);
  });
});
