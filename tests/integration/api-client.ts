import * as accessCheckRoute from "@/app/api/v1/accounts/[accountId]/members/[email]/route";
import * as membersRoute from "@/app/api/v1/accounts/[accountId]/members/route";
import * as accountsRoute from "@/app/api/v1/accounts/route";
import * as virtualAccountDeletionRoute from "@/app/api/v1/accounts/[accountId]/virtual-accounts/[virtualAccountId]/deletion/route";
import * as virtualAccountRoute from "@/app/api/v1/accounts/[accountId]/virtual-accounts/[virtualAccountId]/route";
import * as virtualAccountsRoute from "@/app/api/v1/accounts/[accountId]/virtual-accounts/route";
import * as approveRoute from "@/app/api/v1/requests/[requestId]/approve/route";
import * as denyRoute from "@/app/api/v1/requests/[requestId]/deny/route";
import * as requestRoute from "@/app/api/v1/requests/[requestId]/route";
import * as requestsRoute from "@/app/api/v1/requests/route";
import { createApiToken } from "@/lib/api/create-token";
import type { ApiScope } from "@/lib/api/rules";
import type { Actor } from "@/lib/auth/actor";

/**
 * The route handlers of /api/v1 called as Next calls them (a Request, and the path parameters as
 * a promise), without a server: what a client sends is what the handler gets.
 */

type Handler = (
  request: Request,
  context: { params: Promise<Record<string, string>> },
) => Promise<Response>;

export interface Call {
  token?: string | null;
  query?: Record<string, string>;
  body?: unknown;
  /** Sent as is (not JSON-encoded). */
  rawBody?: string;
  headers?: Record<string, string>;
}

export interface Answer {
  status: number;
  headers: Headers;
  json: Record<string, unknown>;
}

/** A route handler, whatever the type of its path parameters, as `send` calls it. */
const asHandler = (route: unknown) => route as Handler;

async function send(
  handler: Handler,
  method: string,
  path: string,
  params: Record<string, string>,
  call: Call = {},
): Promise<Answer> {
  const url = new URL(`http://localhost/api/v1${path}`);
  for (const [key, value] of Object.entries(call.query ?? {})) url.searchParams.set(key, value);
  const headers: Record<string, string> = { ...call.headers };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  let body: string | undefined = call.rawBody;
  if (call.body !== undefined) {
    body = JSON.stringify(call.body);
    headers["content-type"] ??= "application/json";
  }
  const response = await handler(new Request(url, { method, headers, body }), {
    params: Promise.resolve(params),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

export const api = {
  listRequests: (call?: Call) => send(asHandler(requestsRoute.GET), "GET", "/requests", {}, call),
  getRequest: (requestId: string, call?: Call) =>
    send(asHandler(requestRoute.GET), "GET", `/requests/${requestId}`, { requestId }, call),
  approve: (requestId: string, call?: Call) =>
    send(
      asHandler(approveRoute.POST),
      "POST",
      `/requests/${requestId}/approve`,
      { requestId },
      call,
    ),
  deny: (requestId: string, call?: Call) =>
    send(asHandler(denyRoute.POST), "POST", `/requests/${requestId}/deny`, { requestId }, call),
  listAccounts: (call?: Call) => send(asHandler(accountsRoute.GET), "GET", "/accounts", {}, call),
  listMembers: (accountId: string, call?: Call) =>
    send(asHandler(membersRoute.GET), "GET", `/accounts/${accountId}/members`, { accountId }, call),
  addMembers: (accountId: string, call?: Call) =>
    send(
      asHandler(membersRoute.POST),
      "POST",
      `/accounts/${accountId}/members`,
      { accountId },
      call,
    ),
  checkAccess: (accountId: string, email: string, call?: Call) =>
    send(
      asHandler(accessCheckRoute.GET),
      "GET",
      `/accounts/${accountId}/members/${email}`,
      { accountId, email },
      call,
    ),
  updateMember: (accountId: string, email: string, call?: Call) =>
    send(
      asHandler(accessCheckRoute.PATCH),
      "PATCH",
      `/accounts/${accountId}/members/${email}`,
      { accountId, email },
      call,
    ),
  removeMember: (accountId: string, email: string, call?: Call) =>
    send(
      asHandler(accessCheckRoute.DELETE),
      "DELETE",
      `/accounts/${accountId}/members/${email}`,
      { accountId, email },
      call,
    ),
  listVirtualAccounts: (accountId: string, call?: Call) =>
    send(
      asHandler(virtualAccountsRoute.GET),
      "GET",
      `/accounts/${accountId}/virtual-accounts`,
      { accountId },
      call,
    ),
  createVirtualAccount: (accountId: string, call?: Call) =>
    send(
      asHandler(virtualAccountsRoute.POST),
      "POST",
      `/accounts/${accountId}/virtual-accounts`,
      { accountId },
      call,
    ),
  updateVirtualAccount: (accountId: string, virtualAccountId: string, call?: Call) =>
    send(
      asHandler(virtualAccountRoute.PATCH),
      "PATCH",
      `/accounts/${accountId}/virtual-accounts/${virtualAccountId}`,
      { accountId, virtualAccountId },
      call,
    ),
  deleteVirtualAccount: (accountId: string, virtualAccountId: string, call?: Call) =>
    send(
      asHandler(virtualAccountRoute.DELETE),
      "DELETE",
      `/accounts/${accountId}/virtual-accounts/${virtualAccountId}`,
      { accountId, virtualAccountId },
      call,
    ),
  previewVirtualAccountDeletion: (accountId: string, virtualAccountId: string, call?: Call) =>
    send(
      asHandler(virtualAccountDeletionRoute.GET),
      "GET",
      `/accounts/${accountId}/virtual-accounts/${virtualAccountId}/deletion`,
      { accountId, virtualAccountId },
      call,
    ),
};

/** A token created through the portal's own mutation, as an administrator does on the Tokens page. */
export async function tokenFor(
  actor: Actor,
  options: {
    scopes?: ApiScope[];
    accountIds?: string[];
    lifetimeDays?: number;
    name?: string;
  } = {},
) {
  const created = await createApiToken.execute(actor, {
    name: options.name ?? "Test token",
    scopes: options.scopes ?? ["requests:read", "requests:decide", "members:read"],
    lifetimeDays: options.lifetimeDays ?? 30,
    accountIds: options.accountIds ?? [],
  });
  return created;
}
