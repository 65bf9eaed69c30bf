import { describe, expect, it } from "vitest";
import { listAdministeredAccounts } from "@/lib/admin/members";
import { getRequestForAdmin } from "@/lib/admin/request-detail";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { changeMemberRole } from "@/lib/memberships/change-role";
import { extendMembership } from "@/lib/memberships/extend-membership";
import { leaveAccount } from "@/lib/memberships/leave-account";
import { listAccountMembers } from "@/lib/memberships/list-members";
import { listMyAccounts } from "@/lib/memberships/my-accounts";
import { openAccountSupportCase } from "@/lib/memberships/open-account-support-case";
import { removeMember } from "@/lib/memberships/remove-member";
import { parseMembersFilters } from "@/lib/memberships/schema";
import { membershipsAsSupport } from "@/lib/memberships/support-history";
import { listMyRequests } from "@/lib/requests/list-my-requests";
import { submitRequest } from "@/lib/requests/submit-request";
import { emitMembershipEvent } from "@/lib/webhooks/emit";
import {
  actorOf,
  createAccount,
  createAdmin,
  createApiTokenRow,
  createMembership,
  createRequest,
  createUser,
  createWebhookEndpoint,
} from "../factories";
import { api, type Answer } from "./api-client";

/*
 * "Membership in force" (lib/memberships/active-admin.ts: membershipInForceWhere, the SQL function
 * membership_in_force), one table of cases driven through every path that asks whether a person
 * still belongs to an account: the submit's "already a member", Your accounts, the members page and
 * the API's member list, the access check, every change of a membership through the UI and the API,
 * leaving, a support case about the account, support's history, the member count of the
 * administrator's accounts page, the "already a member" notice of a request's page, the access a
 * request granted as its requester sees it, a membership event's role, the last-administrator guard. An
 * end date that passed ends the membership at read time, before the membership sweep records it.
 */

const HOUR_MS = 3600_000;
const reason = "I manage our licences and need to see this account.";

interface Case {
  name: string;
  inForce: boolean;
  endsInHours?: number;
  ended?: boolean;
}

const cases: Case[] = [
  { name: "a member with no end date", inForce: true },
  { name: "a member until tomorrow", endsInHours: 24, inForce: true },
  { name: "a member for thirty days more", endsInHours: 30 * 24, inForce: true },
  {
    // The membership sweep has not run yet: `active` is still true. Ended at read time all the same.
    name: "a member whose end date passed an hour ago",
    endsInHours: -1,
    inForce: false,
  },
  {
    name: "a former member (membership ended, end date ahead)",
    endsInHours: 24,
    ended: true,
    inForce: false,
  },
  { name: "a former member (membership ended)", ended: true, inForce: false },
];

/** Account X, administered by A (with an API token), and P, whose membership of X is the case's. */
async function worldOf(kase: Case, role: "USER" | "ADMIN" = "USER") {
  const account = await createAccount();
  const admin = await createAdmin([account.id]);
  const person = await createUser();
  const membership = await createMembership(person.id, account.id, role, {
    endsAt:
      kase.endsInHours === undefined ? null : new Date(Date.now() + kase.endsInHours * HOUR_MS),
    active: !kase.ended,
  });
  if (kase.ended)
    await db.membership.update({
      where: { id: membership.id },
      data: { endedAt: new Date(Date.now() - HOUR_MS), endCause: "REMOVED" },
    });
  const { token } = await createApiTokenRow(admin.id, {
    scopes: ["members:read", "members:write"],
  });
  return { account, admin, person, membership, token };
}

type World = Awaited<ReturnType<typeof worldOf>>;

/** A use case's refusal of a membership not in force: NOT_FOUND, or CONFLICT "ended". */
const refused = (error: unknown) => {
  if (
    error instanceof AppError &&
    (error.code === "NOT_FOUND" || (error.code === "CONFLICT" && error.details.reason === "ended"))
  )
    return false;
  throw error;
};

/** An API change: 200, or the same refusals as problems (404, 409 ended). */
const applied = (answer: Answer) => {
  if (answer.status === 200) return true;
  if (answer.status === 404 || (answer.status === 409 && answer.json.reason === "ended"))
    return false;
  throw new Error(`unexpected answer ${answer.status}: ${JSON.stringify(answer.json)}`);
};

const extendable = (kase: Case) => kase.endsInHours !== undefined;

/** Each path: does it treat P's membership of X as in force? */
const paths: Record<
  string,
  { applies?: (kase: Case) => boolean; run: (w: World) => Promise<boolean> }
> = {
  "UI: submitting a request answers 'already a member'": {
    run: async (w) => {
      const submitted = await submitRequest.execute(w.person, {
        accountId: w.account.id,
        domain: w.account.domains[0]!.domain,
        reason,
      });
      return submitted.outcome === "alreadyMember";
    },
  },
  "UI: Your accounts lists X": {
    run: async (w) =>
      (await listMyAccounts(w.person)).some((mine) => mine.account.id === w.account.id),
  },
  "UI: the members page lists P among active members, as active": {
    run: async (w) => {
      const page = await listAccountMembers(w.admin, w.account.id, parseMembersFilters({}));
      return page!.members.some((member) => member.id === w.membership.id && member.active);
    },
  },
  "UI: the members page does not list P among ended members": {
    run: async (w) => {
      const page = await listAccountMembers(
        w.admin,
        w.account.id,
        parseMembersFilters({ status: "ended" }),
      );
      return !page!.members.some((member) => member.id === w.membership.id);
    },
  },
  "API: the member list shows P as active": {
    run: async (w) => {
      const answer = await api.listMembers(w.account.id, {
        token: w.token,
        query: { status: "all" },
      });
      expect(answer.status).toBe(200);
      const row = (answer.json.data as { email: string; active: boolean }[]).find(
        (member) => member.email === w.person.email,
      );
      return row!.active;
    },
  },
  "API: the access check finds P": {
    run: async (w) =>
      (await api.checkAccess(w.account.id, w.person.email, { token: w.token })).status === 200,
  },
  "UI: A changes P's role (changeMemberRole)": {
    run: (w) =>
      changeMemberRole
        .execute(actorOf(w.admin), { membershipId: w.membership.id, role: "VIEWER" })
        .then(() => true, refused),
  },
  "API: A changes P's role (PATCH)": {
    run: async (w) =>
      applied(
        await api.updateMember(w.account.id, w.person.email, {
          token: w.token,
          body: { role: "VIEWER" },
        }),
      ),
  },
  "UI: A extends P's access (extendMembership)": {
    applies: extendable,
    run: (w) =>
      extendMembership
        .execute(actorOf(w.admin), { membershipId: w.membership.id, endsInDays: 365 })
        .then(() => true, refused),
  },
  "API: A extends P's access (PATCH)": {
    applies: extendable,
    run: async (w) =>
      applied(
        await api.updateMember(w.account.id, w.person.email, {
          token: w.token,
          body: { endsInDays: 365 },
        }),
      ),
  },
  "UI: A removes P (removeMember)": {
    run: (w) =>
      removeMember
        .execute(actorOf(w.admin), { membershipId: w.membership.id })
        .then(() => true, refused),
  },
  "API: A removes P (DELETE)": {
    run: async (w) =>
      applied(await api.removeMember(w.account.id, w.person.email, { token: w.token })),
  },
  "UI: P leaves X (leaveAccount)": {
    run: (w) =>
      leaveAccount
        .execute(actorOf(w.person), { accountId: w.account.id })
        .then(() => true, refused),
  },
  "UI: P asks support about X (openAccountSupportCase)": {
    run: (w) =>
      openAccountSupportCase
        .execute(actorOf(w.person), {
          accountId: w.account.id,
          message: "Please appoint another administrator.",
        })
        .then(() => true, refused),
  },
  "UI: A's accounts page counts P among X's members (listAdministeredAccounts)": {
    run: async (w) => {
      const accounts = await listAdministeredAccounts(actorOf(w.admin));
      // A, and P when in force.
      return accounts.find((account) => account.id === w.account.id)!.members === 2;
    },
  },
  "UI: P's pending request tells A that P is already a member (getRequestForAdmin)": {
    run: async (w) => {
      const request = await createRequest({ accountId: w.account.id, requesterId: w.person.id });
      const view = await getRequestForAdmin(actorOf(w.admin), request.id);
      return view!.membership!.active;
    },
  },
  "UI: P's requests page shows the access the request granted as current (listMyRequests)": {
    run: async (w) => {
      const request = await createRequest({
        accountId: w.account.id,
        requesterId: w.person.id,
        status: "APPROVED",
        decidedById: w.admin.id,
      });
      await db.membership.update({
        where: { id: w.membership.id },
        data: { grantedByRequestId: request.id },
      });
      const mine = await listMyRequests(w.person.id, 1);
      return mine.requests.find((row) => row.id === request.id)!.grantedMembership!.active;
    },
  },
  "webhooks: a membership event gives P's role (emitMembershipEvent)": {
    run: async (w) => {
      const endpoint = await createWebhookEndpoint({
        accountId: w.account.id,
        createdById: w.admin.id,
        events: ["membership.changed"],
      });
      await db.$transaction((tx) =>
        emitMembershipEvent(tx, "membership.changed", w.membership.id, {
          previousRole: "USER",
          changedById: w.admin.id,
        }),
      );
      const delivery = await db.webhookDelivery.findFirstOrThrow({
        where: { endpointId: endpoint.id },
      });
      return (delivery.payload as { data: { role: string | null } }).data.role === "USER";
    },
  },
  "support: P's history shows the membership as current": {
    run: async (w) => {
      const support = await createUser({ platformRole: "SUPPORT" });
      const memberships = await membershipsAsSupport(support, { userId: w.person.id });
      return memberships.find((membership) => membership.id === w.membership.id)!.active;
    },
  },
};

describe("membership in force: one rule, every path", () => {
  for (const [path, { applies, run }] of Object.entries(paths)) {
    describe(path, () => {
      it.each(cases.filter(applies ?? (() => true)))("$name: $inForce", async (kase) => {
        expect(await run(await worldOf(kase))).toBe(kase.inForce);
      });
    });
  }

  describe("last-administrator guard: with P an administrator, A may leave X", () => {
    it.each(cases)("$name: $inForce", async (kase) => {
      const w = await worldOf(kase, "ADMIN");
      const left = await leaveAccount.execute(actorOf(w.admin), { accountId: w.account.id }).then(
        () => true,
        (error: unknown) => {
          if (error instanceof AppError && error.details.reason === "lastAdmin") return false;
          throw error;
        },
      );
      expect(left).toBe(kase.inForce);
    });
  });
});
