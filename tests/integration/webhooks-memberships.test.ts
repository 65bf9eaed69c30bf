import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { changeMemberRole } from "@/lib/memberships/change-role";
import { extendMembership } from "@/lib/memberships/extend-membership";
import { leaveAccount } from "@/lib/memberships/leave-account";
import { removeMember } from "@/lib/memberships/remove-member";
import { endExpiredMemberships } from "@/lib/memberships/sweep";
import { membershipEventData, webhookPayload, type MembershipEvent } from "@/lib/webhooks/events";
import { registerWebhookEndpoint } from "@/lib/webhooks/register-endpoint";
import { deliverDueWebhooks } from "@/lib/webhooks/worker";
import { createAccount, createAdmin, createMembership, createUser } from "../factories";
import { membershipOf } from "./membership-helpers";
import { api, tokenFor } from "./api-client";
import { webhookBed } from "./webhook-bed";

const bed = webhookBed();
const DAY_MS = 24 * 3600_000;

/** An account, its administrator, and an endpoint of the account for the given events (the secret as shown once). */
async function accountWithEndpoint(
  events: MembershipEvent[] = ["membership.changed", "membership.removed"],
) {
  const account = await createAccount();
  const admin = await createAdmin([account.id]);
  const endpoint = await registerWebhookEndpoint.execute(admin, {
    accountId: account.id,
    url: bed.receiver.url,
    events,
  });
  return { account, admin, endpoint };
}

/** Every delivery received, verified by the Standard Webhooks reference library and parsed as documented. */
const verified = (secret: string) =>
  bed.receiver.received.map((delivery) => {
    const payload = new Webhook(secret).verify(delivery.body, delivery.headers) as {
      type: MembershipEvent;
    };
    return webhookPayload(payload.type, membershipEventData).parse(payload);
  });

describe("membership webhooks", () => {
  it("a role change and an extension deliver membership.changed; a removal, leaving and the end-date sweep membership.removed", async () => {
    const { account, admin, endpoint } = await accountWithEndpoint();
    const [promoted, extended, removed, leaving, expired] = await Promise.all([
      createUser(),
      createUser(),
      createUser(),
      createUser(),
      createUser(),
    ]);
    await createMembership(promoted.id, account.id, "USER");
    const extendedMembership = await createMembership(extended.id, account.id, "USER", {
      endsAt: new Date(Date.now() + 10 * DAY_MS),
    });
    await createMembership(removed.id, account.id, "USER");
    await createMembership(leaving.id, account.id, "VIEWER");
    const expiredEnd = new Date(Date.now() - 1000);
    await createMembership(expired.id, account.id, "USER", { endsAt: expiredEnd });

    const { token } = await tokenFor(admin, { scopes: ["members:write"] });
    expect(
      (await api.updateMember(account.id, promoted.email, { token, body: { role: "VIEWER" } }))
        .status,
    ).toBe(200);
    const later = new Date(Date.now() + 100 * DAY_MS).toISOString().slice(0, 10);
    await extendMembership.execute(admin, { membershipId: extendedMembership.id, endsOn: later });
    expect((await api.removeMember(account.id, removed.email, { token })).status).toBe(200);
    await leaveAccount.execute(leaving, { accountId: account.id });
    expect(await endExpiredMemberships(db)).toBe(1);

    expect(await deliverDueWebhooks(bed.worker)).toEqual({ delivered: 5, retrying: 0, failed: 0 });
    const byEmail = Object.fromEntries(
      verified(endpoint.secret).map((payload) => [
        payload.data.email,
        [payload.type, payload.data],
      ]),
    );
    // Memberships of the whole account: their scope, and no virtual accounts.
    const data = { accountId: account.id, scope: "account", virtualAccounts: [] };
    expect(byEmail).toEqual({
      [promoted.email]: [
        "membership.changed",
        {
          ...data,
          email: promoted.email,
          role: "VIEWER",
          previousRole: "USER",
          until: null,
          changedByEmail: admin.email,
        },
      ],
      [extended.email]: [
        "membership.changed",
        {
          ...data,
          email: extended.email,
          role: "USER",
          previousRole: "USER",
          until: `${later}T00:00:00.000Z`,
          changedByEmail: admin.email,
        },
      ],
      [removed.email]: [
        "membership.removed",
        {
          ...data,
          email: removed.email,
          role: null,
          previousRole: "USER",
          until: null,
          changedByEmail: admin.email,
        },
      ],
      [leaving.email]: [
        "membership.removed",
        {
          ...data,
          email: leaving.email,
          role: null,
          previousRole: "VIEWER",
          until: null,
          changedByEmail: leaving.email,
        },
      ],
      [expired.email]: [
        "membership.removed",
        {
          ...data,
          email: expired.email,
          role: null,
          previousRole: "USER",
          until: expiredEnd.toISOString(),
          changedByEmail: null,
        },
      ],
    });
  });

  it("queues the event in the change's transaction: a rollback or a refusal leaves no delivery", async () => {
    const { account, admin } = await accountWithEndpoint();
    const person = await createUser();
    const membership = await createMembership(person.id, account.id, "USER");
    await expect(
      db.$transaction(async (tx) => {
        await removeMember.executeIn(tx, admin, { membershipId: membership.id });
        expect(await tx.webhookDelivery.count()).toBe(1);
        throw new Error("the change fails");
      }),
    ).rejects.toThrow("the change fails");
    expect(await db.webhookDelivery.count()).toBe(0);
    expect((await membershipOf(membership.id)).active).toBe(true);

    const own = await db.membership.findUniqueOrThrow({
      where: { userId_accountId: { userId: admin.id, accountId: account.id } },
    });
    await expect(
      changeMemberRole.execute(admin, { membershipId: own.id, role: "USER" }),
    ).rejects.toMatchObject({ details: { reason: "lastAdmin" } });
    expect(await db.webhookDelivery.count()).toBe(0);
  });

  it("queues an event only for endpoints subscribed to it", async () => {
    const { account, admin } = await accountWithEndpoint(["membership.removed"]);
    const person = await createUser();
    const membership = await createMembership(person.id, account.id, "USER");
    await changeMemberRole.execute(admin, { membershipId: membership.id, role: "VIEWER" });
    expect(await db.webhookDelivery.count()).toBe(0);
    await removeMember.execute(admin, { membershipId: membership.id });
    expect(await db.webhookDelivery.findMany({ select: { eventType: true } })).toEqual([
      { eventType: "membership.removed" },
    ]);
  });
});
