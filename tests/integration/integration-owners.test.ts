import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { changeMemberRole } from "@/lib/memberships/change-role";
import { leaveAccount } from "@/lib/memberships/leave-account";
import { removeMember } from "@/lib/memberships/remove-member";
import { endExpiredMemberships } from "@/lib/memberships/sweep";
import { deleteWebhookEndpoint } from "@/lib/webhooks/delete-endpoint";
import { getDeliveryLog } from "@/lib/webhooks/delivery-log";
import { listWebhookEndpoints } from "@/lib/webhooks/list-endpoints";
import { registerWebhookEndpoint } from "@/lib/webhooks/register-endpoint";
import { rotateWebhookSecret } from "@/lib/webhooks/rotate-secret";
import { sendWebhookTestEvent } from "@/lib/webhooks/send-test-event";
import { setWebhookEndpointEnabled } from "@/lib/webhooks/set-endpoint-enabled";
import { actorOf, createAccount, createMembership, createRequest, createUser } from "../factories";
import { api, tokenFor } from "./api-client";
import { webhookBed } from "./webhook-bed";

/*
 * Issue 26, point 11: what an administrator made — API tokens and webhook endpoints — once they
 * stop administering the account, however that happens. A token acts as its creator: it worked a
 * moment ago and is refused at its very next call, on every /api/v1 route and the access check (no
 * cached answer). An endpoint belongs to the account: whoever administers the account now (here an
 * administrator who joined after it was registered) lists, reads, tests, rotates, disables and
 * deletes it, and its creator, no longer an administrator, can do none of it; it keeps receiving
 * the account's events. The control case (the creator still administers) proves each check can
 * pass, so every refusal below is the rule's, not the test's.
 * Complements tests/integration/api-token-valid.test.ts (the token rule, case by case, per route).
 */

const bed = webhookBed();
const HOUR_MS = 3600_000;

async function worldOf() {
  const creator = actorOf(await createUser());
  const account = await createAccount({ admins: [{ userId: creator.id }] });
  const creatorMembership = await db.membership.findFirstOrThrow({
    where: { userId: creator.id, accountId: account.id },
    select: { id: true },
  });
  const { token } = await tokenFor(creator, {
    scopes: ["requests:read", "requests:decide", "members:read", "members:write"],
  });
  // Two endpoints registered by the creator: one for the creator's attempts, one for the other
  // administrator's (so that a delete by one leaves the other's to act on).
  const register = () =>
    registerWebhookEndpoint.execute(creator, {
      accountId: account.id,
      url: bed.receiver.url,
      events: ["membership.changed", "membership.removed"],
    });
  const endpoints = { creator: (await register()).id, other: (await register()).id };
  // An administrator who joined after the endpoints were registered and the token made.
  const other = actorOf(await createUser());
  await createMembership(other.id, account.id, "ADMIN");
  const [updated, removed] = [await createUser(), await createUser()];
  await createMembership(updated.id, account.id, "USER");
  await createMembership(removed.id, account.id, "USER");
  return {
    creator,
    other,
    account,
    creatorMembershipId: creatorMembership.id,
    token,
    endpoints,
    updated,
    removed,
  };
}

type World = Awaited<ReturnType<typeof worldOf>>;

interface Loss {
  name: string;
  /** Whether the creator still administers the account afterwards. */
  stillAdmin: boolean;
  /** Whether anyone administers it (an inactive account has no administrator). */
  accountAdministered: boolean;
  /** A membership event the change queues for the account's endpoints. */
  emits?: "membership.changed" | "membership.removed";
  apply: (w: World) => Promise<unknown>;
}

const losses: Loss[] = [
  {
    name: "nothing happens: the creator still administers the account (control)",
    stillAdmin: true,
    accountAdministered: true,
    apply: async () => undefined,
  },
  {
    name: "another administrator makes the creator a USER",
    stillAdmin: false,
    accountAdministered: true,
    emits: "membership.changed",
    apply: (w) =>
      changeMemberRole.execute(w.other, { membershipId: w.creatorMembershipId, role: "USER" }),
  },
  {
    name: "another administrator removes the creator",
    stillAdmin: false,
    accountAdministered: true,
    emits: "membership.removed",
    apply: (w) => removeMember.execute(w.other, { membershipId: w.creatorMembershipId }),
  },
  {
    name: "the creator leaves the account",
    stillAdmin: false,
    accountAdministered: true,
    emits: "membership.removed",
    apply: (w) => leaveAccount.execute(w.creator, { accountId: w.account.id }),
  },
  {
    name: "the creator's end date passes (the sweep has not run)",
    stillAdmin: false,
    accountAdministered: true,
    apply: (w) =>
      db.membership.update({
        where: { id: w.creatorMembershipId },
        data: { endsAt: new Date(Date.now() - HOUR_MS) },
      }),
  },
  {
    name: "the creator's end date passes and the sweep ends the membership",
    stillAdmin: false,
    accountAdministered: true,
    emits: "membership.removed",
    apply: async (w) => {
      await db.membership.update({
        where: { id: w.creatorMembershipId },
        data: { endsAt: new Date(Date.now() - HOUR_MS) },
      });
      await endExpiredMemberships(db);
      const swept = await db.membership.findUniqueOrThrow({
        where: { id: w.creatorMembershipId },
        select: { active: true },
      });
      expect(swept.active).toBe(false);
    },
  },
  {
    name: "the account is deactivated",
    stillAdmin: false,
    accountAdministered: false,
    apply: (w) => db.account.update({ where: { id: w.account.id }, data: { status: "INACTIVE" } }),
  },
  {
    name: "the creator is disabled",
    stillAdmin: false,
    accountAdministered: true,
    apply: (w) => db.user.update({ where: { id: w.creator.id }, data: { disabledAt: new Date() } }),
  },
];

/** 200: it worked; 401 (no valid token) or 404 (out of its reach): refused; anything else fails. */
function worked(status: number) {
  if (status === 200) return true;
  if (status === 401 || status === 404) return false;
  throw new Error(`unexpected status ${status}`);
}

/** Each /api/v1 route the token may call on the account, and the access check: did it work? */
const tokenPaths: Record<string, (w: World) => Promise<boolean>> = {
  "GET /requests lists the account's request": async (w) => {
    const request = await createRequest({ accountId: w.account.id });
    const answer = await api.listRequests({ token: w.token });
    return (
      worked(answer.status) &&
      (answer.json.data as { id: string }[]).some((r) => r.id === request.id)
    );
  },
  "GET /requests/{id}": async (w) => {
    const request = await createRequest({ accountId: w.account.id });
    return worked((await api.getRequest(request.id, { token: w.token })).status);
  },
  "POST /requests/{id}/approve": async (w) => {
    const request = await createRequest({ accountId: w.account.id });
    return worked((await api.approve(request.id, { token: w.token })).status);
  },
  "POST /requests/{id}/deny": async (w) => {
    const request = await createRequest({ accountId: w.account.id });
    return worked((await api.deny(request.id, { token: w.token, body: {} })).status);
  },
  "GET /accounts lists the account": async (w) => {
    const answer = await api.listAccounts({ token: w.token });
    return (
      worked(answer.status) &&
      (answer.json.data as { id: string }[]).some((a) => a.id === w.account.id)
    );
  },
  "GET /accounts/{id}/members": async (w) =>
    worked((await api.listMembers(w.account.id, { token: w.token })).status),
  "GET /accounts/{id}/members/{email} (the access check)": async (w) =>
    worked((await api.checkAccess(w.account.id, w.updated.email, { token: w.token })).status),
  "PATCH /accounts/{id}/members/{email}": async (w) =>
    worked(
      (
        await api.updateMember(w.account.id, w.updated.email, {
          token: w.token,
          body: { role: "VIEWER" },
        })
      ).status,
    ),
  "DELETE /accounts/{id}/members/{email}": async (w) =>
    worked((await api.removeMember(w.account.id, w.removed.email, { token: w.token })).status),
};

/** A change: true if done, false if refused as not found (the answer to someone not an administrator). */
async function done(change: Promise<unknown>) {
  try {
    await change;
    return true;
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") return false;
    throw error;
  }
}

/** What a person may do with an endpoint, in the order the page offers it (deleting last). */
const endpointActions: Record<string, (actor: Actor, endpointId: string) => Promise<boolean>> = {
  "lists it": async (actor, endpointId) =>
    (await listWebhookEndpoints(actor)).some((endpoint) => endpoint.id === endpointId),
  "reads its delivery log": async (actor, endpointId) =>
    (await getDeliveryLog(actor, endpointId, {})) !== null,
  "sends a test event": (actor, endpointId) =>
    done(sendWebhookTestEvent.execute(actor, { endpointId })),
  "rotates its secret": (actor, endpointId) =>
    done(rotateWebhookSecret.execute(actor, { endpointId })),
  "disables it": (actor, endpointId) =>
    done(setWebhookEndpointEnabled.execute(actor, { endpointId, enabled: false })),
  "enables it": (actor, endpointId) =>
    done(setWebhookEndpointEnabled.execute(actor, { endpointId, enabled: true })),
  "deletes it": (actor, endpointId) => done(deleteWebhookEndpoint.execute(actor, { endpointId })),
};

async function runActions(actor: Actor, endpointId: string) {
  const outcome: Record<string, boolean> = {};
  for (const [name, action] of Object.entries(endpointActions))
    outcome[name] = await action(actor, endpointId);
  return outcome;
}

const every = (names: string[], value: boolean) =>
  Object.fromEntries(names.map((name) => [name, value]));

describe("tokens and webhook endpoints after their creator stops administering the account", () => {
  it.each(losses)("$name", async (loss) => {
    const w = await worldOf();
    // The token works until the change...
    expect((await api.listMembers(w.account.id, { token: w.token })).status).toBe(200);
    await loss.apply(w);

    // ...and from the very next call, on every route, works only while its creator administers.
    const tokenOutcome: Record<string, boolean> = {};
    for (const [name, path] of Object.entries(tokenPaths)) tokenOutcome[name] = await path(w);
    expect(tokenOutcome).toEqual(every(Object.keys(tokenPaths), loss.stillAdmin));

    // The endpoints still belong to the account: its events still reach them.
    if (loss.emits)
      for (const endpointId of Object.values(w.endpoints))
        expect(
          await db.webhookDelivery.count({ where: { endpointId, eventType: loss.emits } }),
        ).toBe(1);

    // Their creator manages them only while an administrator; any current administrator does.
    const actions = Object.keys(endpointActions);
    expect(await runActions(w.creator, w.endpoints.creator)).toEqual(
      every(actions, loss.stillAdmin),
    );
    expect(await runActions(w.other, w.endpoints.other)).toEqual(
      every(actions, loss.accountAdministered),
    );
  });
});
