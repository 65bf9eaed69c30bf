import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { listApiTokens } from "@/lib/api/list-tokens";
import type { ApiScope } from "@/lib/api/rules";
import {
  createAccount,
  createAdmin,
  createApiTokenRow,
  createMembership,
  createRequest,
  createUser,
} from "../factories";
import { api } from "./api-client";

/*
 * "API token valid" (lib/api/token-auth.ts, the SQL function api_token_valid) and what a valid token
 * reaches (its creator's authority, is_active_admin), one table of cases driven through every path
 * that resolves a token: the /api/v1 routes through apiRoute (reads, decisions, member changes) and
 * the access check (api_access_check). A token stops working at its next call when it is revoked or
 * expires, when its creator is disabled, or when its creator no longer administers the account
 * (role changed, removed, end date passed, account deactivated). The same changes made through the
 * use cases after the token has worked: tests/integration/integration-owners.test.ts.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const scopes: ApiScope[] = ["requests:read", "requests:decide", "members:read", "members:write"];

interface Case {
  name: string;
  works: boolean;
  revoked?: boolean;
  expiresInMs?: number;
  creatorDisabled?: boolean;
  /** Account X is deactivated (its administrators administer nothing there any more). */
  accountInactive?: boolean;
  /** The creator's membership of X. */
  creator?: { role?: "ADMIN" | "USER"; endsInHours?: number; ended?: boolean };
  /** The token is limited to another account. */
  limitedToOther?: boolean;
}

const cases: Case[] = [
  { name: "a live token of an administrator", works: true },
  { name: "a token that expires in a minute", expiresInMs: MINUTE_MS, works: true },
  { name: "a token that expired a minute ago", expiresInMs: -MINUTE_MS, works: false },
  { name: "a revoked token", revoked: true, works: false },
  { name: "a token whose creator is disabled", creatorDisabled: true, works: false },
  {
    name: "a token whose creator's administration ends tomorrow",
    creator: { endsInHours: 24 },
    works: true,
  },
  {
    // The membership sweep has not run yet: the creator's `active` is still true.
    name: "a token whose creator's administration ended an hour ago (end date)",
    creator: { endsInHours: -1 },
    works: false,
  },
  {
    name: "a token whose creator was removed from the account",
    creator: { ended: true },
    works: false,
  },
  { name: "a token whose creator is now a USER", creator: { role: "USER" }, works: false },
  { name: "a token whose creator's account was deactivated", accountInactive: true, works: false },
  { name: "a token limited to another account", limitedToOther: true, works: false },
];

/** Account X with a pending request and a member; the token's creator, as the case has them. */
async function worldOf(kase: Case) {
  const [account, other] = await Promise.all([createAccount(), createAccount()]);
  const creator = await createUser();
  const membership = await createMembership(creator.id, account.id, kase.creator?.role ?? "ADMIN", {
    endsAt:
      kase.creator?.endsInHours === undefined
        ? null
        : new Date(Date.now() + kase.creator.endsInHours * HOUR_MS),
    active: !kase.creator?.ended,
  });
  // Another administrator, so that a change by the creator never meets the last-administrator guard.
  await createAdmin([account.id]);
  const { id: tokenId, token } = await createApiTokenRow(creator.id, {
    scopes,
    accountIds: kase.limitedToOther ? [other.id] : [],
  });
  if (kase.revoked || kase.expiresInMs !== undefined)
    await db.apiToken.update({
      where: { id: tokenId },
      data: {
        ...(kase.revoked && { revokedAt: new Date(Date.now() - MINUTE_MS) }),
        ...(kase.expiresInMs !== undefined && {
          expiresAt: new Date(Date.now() + kase.expiresInMs),
        }),
      },
    });
  if (kase.creatorDisabled)
    await db.user.update({ where: { id: creator.id }, data: { disabledAt: new Date() } });
  if (kase.accountInactive)
    await db.account.update({ where: { id: account.id }, data: { status: "INACTIVE" } });
  if (kase.creator?.ended)
    await db.membership.update({
      where: { id: membership.id },
      data: { endedAt: new Date(Date.now() - HOUR_MS), endCause: "REMOVED" },
    });
  const member = await createUser();
  await createMembership(member.id, account.id, "USER");
  return { account, token, tokenId, creator, member };
}

type World = Awaited<ReturnType<typeof worldOf>>;

/** A refusal of the token (401) or of its reach (404): anything else fails the test. */
const refusedStatus = (status: number) => {
  if (status === 200) return true;
  if (status === 401 || status === 404) return false;
  throw new Error(`unexpected status ${status}`);
};

/** Each path: does the token work on X? */
const paths: Record<string, (w: World) => Promise<boolean>> = {
  "API: lists X's requests (GET /requests)": async (w) => {
    const request = await createRequest({ accountId: w.account.id });
    const answer = await api.listRequests({ token: w.token });
    if (!refusedStatus(answer.status)) return false;
    return (answer.json.data as { id: string }[]).some((row) => row.id === request.id);
  },
  "API: reads a request of X (GET /requests/{id})": async (w) => {
    const request = await createRequest({ accountId: w.account.id });
    return refusedStatus((await api.getRequest(request.id, { token: w.token })).status);
  },
  "API: approves a request of X": async (w) => {
    const request = await createRequest({ accountId: w.account.id });
    return refusedStatus((await api.approve(request.id, { token: w.token })).status);
  },
  "API: denies a request of X": async (w) => {
    const request = await createRequest({ accountId: w.account.id });
    return refusedStatus((await api.deny(request.id, { token: w.token, body: {} })).status);
  },
  "API: lists X among its accounts (GET /accounts)": async (w) => {
    const answer = await api.listAccounts({ token: w.token });
    if (!refusedStatus(answer.status)) return false;
    return (answer.json.data as { id: string }[]).some((account) => account.id === w.account.id);
  },
  "API: lists X's members": async (w) =>
    refusedStatus((await api.listMembers(w.account.id, { token: w.token })).status),
  "API: changes a member's role (PATCH)": async (w) =>
    refusedStatus(
      (
        await api.updateMember(w.account.id, w.member.email, {
          token: w.token,
          body: { role: "VIEWER" },
        })
      ).status,
    ),
  "API: removes a member (DELETE)": async (w) =>
    refusedStatus(
      (await api.removeMember(w.account.id, w.member.email, { token: w.token })).status,
    ),
  "API: the access check (api_access_check)": async (w) =>
    refusedStatus((await api.checkAccess(w.account.id, w.member.email, { token: w.token })).status),
};

describe("API token valid: one rule, every path", () => {
  for (const [path, works] of Object.entries(paths)) {
    describe(path, () => {
      it.each(cases)("$name: $works", async (kase) => {
        expect(await works(await worldOf(kase))).toBe(kase.works);
      });
    });
  }
});

/**
 * The token itself valid (api_token_valid), whatever it reaches: not revoked, not expired, its
 * creator not disabled. The creator's tokens page shows it as active exactly then.
 */
const tokenValid = (kase: Case) =>
  !kase.revoked &&
  !(kase.expiresInMs !== undefined && kase.expiresInMs < 0) &&
  !kase.creatorDisabled;

describe("API token valid: the creator's tokens page (listApiTokens) shows the token active", () => {
  it.each(cases.map((kase) => ({ ...kase, valid: tokenValid(kase) })))(
    "$name: $valid",
    async (kase) => {
      const w = await worldOf(kase);
      const listed = (await listApiTokens(w.creator)).find((row) => row.id === w.tokenId);
      expect(listed!.valid).toBe(kase.valid);
    },
  );
});
