import { describe, expect, it } from "vitest";
import { approveRequest } from "@/lib/admin/approve-or-deny";
import { listQueue } from "@/lib/admin/list-queue";
import { getRequestForAdmin } from "@/lib/admin/request-detail";
import { parseQueueFilters } from "@/lib/admin/schema";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { leaveAccount } from "@/lib/memberships/leave-account";
import { listAccountMembers } from "@/lib/memberships/list-members";
import { listMyAccounts } from "@/lib/memberships/my-accounts";
import { parseMembersFilters } from "@/lib/memberships/schema";
import { endExpiredMemberships } from "@/lib/memberships/sweep";
import { menuFor } from "@/lib/navigation/menu";
import { submitRequest } from "@/lib/requests/submit-request";
import { viewRequestAsSupport } from "@/lib/support/request-details";
import { escalateWaitingRequests } from "@/lib/requests/sweep";
import { endpointOfAdmin } from "@/lib/webhooks/authority";
import {
  actorOf,
  createAccount,
  createAdmin,
  createApiTokenRow,
  createGrant,
  createMembership,
  createRequest,
  createUser,
  createWebhookEndpoint,
  defaultVirtualAccountOf,
} from "../factories";
import { api } from "./api-client";

/*
 * "Active administrator of an account" (lib/memberships/active-admin.ts), one table of cases driven
 * through every path that asks it: deciding in the UI and through the API, what the dashboard and
 * the API show, the API's access check, the emails to "the account's administrators", escalation
 * on submit and by the sweep, the last-administrator guard, the members page, webhooks. Each path
 * answers, for a candidate whose membership of account X is the case's: does X count them as an
 * active administrator? Every path must give the same answer for every case.
 */

const HOUR_MS = 3600_000;
const reason = "I manage our licences and need to see this account.";

/** A new requester submits a request to X: its id. */
async function submitNewRequest(w: { account: { id: string; domains: { domain: string }[] } }) {
  const submitted = await submitRequest.execute(await createUser(), {
    accountId: w.account.id,
    domain: w.account.domains[0]!.domain,
    reason,
  });
  if (submitted.outcome !== "created") throw new Error("expected a new request");
  return submitted;
}

interface Case {
  name: string;
  activeAdmin: boolean;
  /** The candidate's membership (of X, unless `ofOtherAccount`) and user. */
  role: "ADMIN" | "USER" | "VIEWER";
  endsInHours?: number;
  ended?: boolean;
  disabled?: boolean;
  ofOtherAccount?: boolean;
  /** A membership of chosen virtual accounts (a Virtual Account Administrator), not of the account. */
  ofVirtualAccounts?: boolean;
}

const cases: Case[] = [
  { name: "an administrator", role: "ADMIN", activeAdmin: true },
  { name: "an administrator until tomorrow", role: "ADMIN", endsInHours: 24, activeAdmin: true },
  {
    // The membership sweep has not run yet: `active` is still true. Ended at read time all the same.
    name: "an administrator whose end date passed an hour ago",
    role: "ADMIN",
    endsInHours: -1,
    activeAdmin: false,
  },
  {
    name: "a former administrator (membership ended)",
    role: "ADMIN",
    ended: true,
    activeAdmin: false,
  },
  { name: "a disabled administrator", role: "ADMIN", disabled: true, activeAdmin: false },
  { name: "a USER member", role: "USER", activeAdmin: false },
  { name: "a VIEWER member", role: "VIEWER", activeAdmin: false },
  {
    // ADMIN on X's DEFAULT with its sub-accounts: every virtual account, and still no Smart Account
    // Administrator.
    name: "a Virtual Account Administrator (ADMIN of virtual accounts, scope VIRTUAL_ACCOUNTS)",
    role: "ADMIN",
    ofVirtualAccounts: true,
    activeAdmin: false,
  },
  {
    name: "the administrator of another account",
    role: "ADMIN",
    ofOtherAccount: true,
    activeAdmin: false,
  },
];

/** Account X, whose only membership that might make an administrator is the candidate's. */
async function worldOf(kase: Case) {
  const [account, other] = await Promise.all([createAccount(), createAccount()]);
  const candidate = await createUser();
  const membership = await createMembership(
    candidate.id,
    kase.ofOtherAccount ? other.id : account.id,
    kase.role,
    {
      endsAt:
        kase.endsInHours === undefined ? null : new Date(Date.now() + kase.endsInHours * HOUR_MS),
      active: !kase.ended,
      scope: kase.ofVirtualAccounts ? "VIRTUAL_ACCOUNTS" : "ACCOUNT",
    },
  );
  if (kase.ofVirtualAccounts)
    await createGrant(membership.id, (await defaultVirtualAccountOf(account.id)).id, "ADMIN", {
      includeSubAccounts: true,
    });
  if (kase.ended)
    await db.membership.update({
      where: { id: membership.id },
      data: { endedAt: new Date(Date.now() - HOUR_MS), endCause: "REMOVED" },
    });
  // A token the candidate made while they administered X (the portal would not make one now).
  const { token } = await createApiTokenRow(candidate.id, {
    scopes: ["requests:read", "requests:decide", "members:read"],
  });
  const user = kase.disabled
    ? await db.user.update({ where: { id: candidate.id }, data: { disabledAt: new Date() } })
    : candidate;
  return { account, candidate: user, actor: actorOf(user), token };
}

type World = Awaited<ReturnType<typeof worldOf>>;

/** A refusal as the use cases word "not yours" (or "not signed in"): anything else fails the test. */
const refused = (error: unknown) => {
  if (error instanceof AppError && ["NOT_FOUND", "UNAUTHENTICATED"].includes(error.code))
    return false;
  throw error;
};

/** Each path: does it treat the candidate as an active administrator of X? */
const paths: Record<string, (world: World) => Promise<boolean>> = {
  "UI: approves a request of X (approveRequest, the server action's use case)": async (w) => {
    const request = await createRequest({ accountId: w.account.id });
    return approveRequest.execute(w.actor, { requestId: request.id }).then(() => true, refused);
  },
  "UI: sees the request in the queue": async (w) => {
    const request = await createRequest({ accountId: w.account.id });
    const page = await listQueue(w.actor, parseQueueFilters({ status: "ALL" }));
    return page.rows.some((row) => row.id === request.id);
  },
  "UI: opens the request's page": async (w) => {
    const request = await createRequest({ accountId: w.account.id });
    return (await getRequestForAdmin(w.actor, request.id)) !== null;
  },
  "UI: the menu badge counts the request": async (w) => {
    await createRequest({ accountId: w.account.id });
    return (await menuFor(w.actor)).pendingForAdmin === 1;
  },
  "UI: reads a webhook endpoint of X": async (w) => {
    const endpoint = await createWebhookEndpoint({
      accountId: w.account.id,
      createdById: w.candidate.id,
    });
    return endpointOfAdmin(db, w.candidate.id, endpoint.id).then(() => true, refused);
  },
  "API: approves a request of X": async (w) => {
    const request = await createRequest({ accountId: w.account.id });
    return (await api.approve(request.id, { token: w.token })).status === 200;
  },
  "API: lists the request": async (w) => {
    const request = await createRequest({ accountId: w.account.id });
    const answer = await api.listRequests({ token: w.token });
    return (
      answer.status === 200 &&
      (answer.json.data as { id: string }[]).some((row) => row.id === request.id)
    );
  },
  "API: lists X among the token's accounts": async (w) => {
    const answer = await api.listAccounts({ token: w.token });
    return (
      answer.status === 200 &&
      (answer.json.data as { id: string }[]).some((account) => account.id === w.account.id)
    );
  },
  "API: the access check reaches X (api_access_check)": async (w) => {
    const member = await createUser();
    await createMembership(member.id, w.account.id, "USER");
    return (await api.checkAccess(w.account.id, member.email, { token: w.token })).status === 200;
  },
  "email: a submitted request is sent to the candidate": async (w) => {
    const submitted = await submitNewRequest(w);
    const emails = await db.emailMessage.count({
      where: {
        requestId: submitted.requestId,
        to: w.candidate.email,
        template: "request-to-admins",
      },
    });
    return emails === 1;
  },
  "escalation: submitting does not escalate for want of an administrator": async (w) => {
    const submitted = await submitNewRequest(w);
    const { escalatedAt } = await db.accessRequest.findUniqueOrThrow({
      where: { id: submitted.requestId },
    });
    return !submitted.noActiveAdmin && escalatedAt === null;
  },
  "escalation: the sweep does not escalate for want of an administrator": async (w) => {
    const request = await createRequest({ accountId: w.account.id });
    await escalateWaitingRequests(db);
    const { escalatedAt } = await db.accessRequest.findUniqueOrThrow({ where: { id: request.id } });
    return escalatedAt === null;
  },
  "escalation: support is not told X has nobody left when another administrator's access ends":
    async (w) => {
      const other = await createUser();
      await createMembership(other.id, w.account.id, "ADMIN", { endsAt: new Date(Date.now() - 1) });
      await endExpiredMemberships(db);
      const told = await db.emailMessage.count({
        where: {
          template: "account-without-admin",
          payload: { path: ["accountName"], equals: w.account.name },
        },
      });
      return told === 0;
    },
  "last-admin guard: another administrator may leave X": async (w) => {
    const other = await createAdmin([w.account.id]);
    return leaveAccount.execute(actorOf(other), { accountId: w.account.id }).then(
      () => true,
      (error: unknown) => {
        if (error instanceof AppError && error.details.reason === "lastAdmin") return false;
        throw error;
      },
    );
  },
  "last-admin guard: another administrator is not shown as the last one (my accounts)": async (
    w,
  ) => {
    const other = await createAdmin([w.account.id]);
    const mine = await listMyAccounts(other);
    return !mine.find((membership) => membership.account.id === w.account.id)!.lastAdmin;
  },
  "members page: counts the candidate among the active administrators": async (w) => {
    const other = await createAdmin([w.account.id]);
    const page = await listAccountMembers(other, w.account.id, parseMembersFilters({}));
    return page!.activeAdmins === 2;
  },
  "support: the request's page shows the candidate as an active administrator": async (w) => {
    const request = await createRequest({ accountId: w.account.id });
    const support = await createUser({ platformRole: "SUPPORT" });
    const view = await viewRequestAsSupport(support, request.id);
    return view!.admins.some((admin) => admin.email === w.candidate.email && admin.active);
  },
};

describe("active administrator: one rule, every path", () => {
  for (const [path, actsAsAdmin] of Object.entries(paths)) {
    describe(path, () => {
      it.each(cases)("$name: $activeAdmin", async (kase) => {
        expect(await actsAsAdmin(await worldOf(kase))).toBe(kase.activeAdmin);
      });
    });
  }
});
