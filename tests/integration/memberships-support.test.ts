import { describe, expect, it } from "vitest";
import { approveRequest } from "@/lib/admin/approve-or-deny";
import { db } from "@/lib/db/client";
import { changeMemberRole } from "@/lib/memberships/change-role";
import { removeMember } from "@/lib/memberships/remove-member";
import { membershipsAsSupport } from "@/lib/memberships/support-history";
import { listSupportCases } from "@/lib/support/support-cases";
import { openAccountSupportCase } from "@/lib/memberships/open-account-support-case";
import { createAccount, createAdmin, createRequest, createUser } from "../factories";
import { appErrorOf } from "./app-error-of";

describe("support staff see memberships and their history", () => {
  it("a user's memberships, current and ended, each with every event about it, linked to the request that granted it", async () => {
    const [a, b] = [
      await createAccount({ name: "Alpha Support" }),
      await createAccount({ name: "Beta Support" }),
    ];
    const admin = await createAdmin([a.id, b.id]);
    const person = await createUser();
    const support = await createUser({ platformRole: "SUPPORT" });
    const requestA = await createRequest({ accountId: a.id, requesterId: person.id });
    const requestB = await createRequest({ accountId: b.id, requesterId: person.id });
    await approveRequest.execute(admin, { requestId: requestA.id, endsInDays: 30 });
    await approveRequest.execute(admin, { requestId: requestB.id });
    const membershipA = await db.membership.findFirstOrThrow({
      where: { userId: person.id, accountId: a.id },
    });
    const membershipB = await db.membership.findFirstOrThrow({
      where: { userId: person.id, accountId: b.id },
    });
    await changeMemberRole.execute(admin, { membershipId: membershipA.id, role: "VIEWER" });
    await removeMember.execute(admin, {
      membershipId: membershipB.id,
      reason: "Left the company.",
    });

    const seen = await membershipsAsSupport(support, { userId: person.id });
    expect(
      seen.map((m) => [m.account.name, m.role, m.active, m.endCause, m.grantedByRequest?.id]),
    ).toEqual([
      ["Alpha Support", "VIEWER", true, null, requestA.id],
      ["Beta Support", "USER", false, "REMOVED", requestB.id],
    ]);
    expect(seen[0]!.endsAt).toBeInstanceOf(Date);
    expect(seen[0]!.history.map((event) => event.action)).toEqual([
      "membership.granted",
      "membership.roleChanged",
    ]);
    expect(seen[1]!.history.map((event) => [event.action, event.actor?.id])).toEqual([
      ["membership.granted", admin.id],
      ["membership.removed", admin.id],
    ]);

    // The request page asks for the one account's.
    expect(
      (await membershipsAsSupport(support, { userId: person.id, accountId: b.id })).map(
        (m) => m.id,
      ),
    ).toEqual([membershipB.id]);
    // Reading records nothing and changes nothing.
    expect(await db.auditEvent.count({ where: { actorId: support.id } })).toBe(0);
    expect((await appErrorOf(membershipsAsSupport(admin, { userId: person.id }))).code).toBe(
      "FORBIDDEN",
    );
  });

  it("a support case about an account shows the account in the console's list", async () => {
    const account = await createAccount({ name: "Gamma Cases" });
    const admin = await createAdmin([account.id]);
    const support = await createUser({ platformRole: "SUPPORT" });
    await openAccountSupportCase.execute(admin, {
      accountId: account.id,
      message: "Please appoint another administrator.",
    });
    const { cases } = await listSupportCases(support, "OPEN", null);
    expect(cases.find((supportCase) => supportCase.account?.name === "Gamma Cases")).toMatchObject({
      request: null,
      openedBy: { id: admin.id },
    });
  });
});
