import type { z, ZodType } from "zod";
import { validationError, type Mutation } from "@/lib/actions/mutation";
import type { DecisionResult } from "@/lib/admin/approve-or-deny";
import { listQueue, type QueueRow } from "@/lib/admin/list-queue";
import { getRequestForAdmin } from "@/lib/admin/request-detail";
import { queueFiltersSchema } from "@/lib/admin/schema";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { countDecision } from "@/lib/metrics/use-cases";
import { AppError } from "@/lib/errors";
import { decodeCursor } from "@/lib/pagination/keyset";
import { grantedScopeOfRow } from "@/lib/requests/granted-scope";
import type { requestDetail, requestPage, requestSummary } from "./contract";
import { requestListQuery, requestParams } from "./contract";
import { withinTokenAccounts, type ApiCaller } from "./token-auth";

const iso = (date: Date | null) => date?.toISOString() ?? null;

function summaryOf(row: QueueRow): z.input<typeof requestSummary> {
  return {
    id: row.id,
    status: row.status,
    account: row.account,
    requester: row.requester,
    reason: row.reason,
    domain: row.domain,
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    escalatedAt: iso(row.escalatedAt),
    decidedAt: iso(row.decidedAt),
    grantedRole: row.grantedRole,
    grantedScope: grantedScopeOfRow(row),
    decidedBy: row.decidedBy,
  };
}

/**
 * The administrators' queue through the API: the same filters (parsed strictly here, where a
 * malformed value is a 400 rather than a default, then by the queue's own schema), the same
 * keyset cursors, the same read (listQueue checks the creator's authority), within the token's
 * accounts whatever the scope.
 */
export async function listRequestsForCaller(
  caller: ApiCaller,
  query: Record<string, string>,
): Promise<z.input<typeof requestPage>> {
  const parsed = requestListQuery.safeParse(query);
  if (!parsed.success) throw validationError(parsed.error);
  for (const key of ["after", "before"] as const) {
    const value = parsed.data[key];
    if (value !== undefined && !decodeCursor(value))
      throw new AppError("VALIDATION", "Invalid cursor", {
        fieldErrors: { [key]: "cursorInvalid" },
      });
  }
  const filters = queueFiltersSchema.parse(parsed.data);
  const limited = caller.accountIds.length > 0;
  // The escalated scope spans every account: a token limited to some names one of them.
  if (limited && filters.scope === "escalated" && !filters.account)
    throw new AppError("VALIDATION", "A token limited to accounts names one with scope=escalated", {
      fieldErrors: { account: "accountRequired" },
    });
  // The token's accounts bound every scope, including the escalated one a super administrator
  // who administers no account falls back to (listQueue's `within`).
  const page = await listQueue(caller.creator, filters, limited ? caller.accountIds : undefined);
  return { data: page.rows.map(summaryOf), next: page.next, previous: page.previous };
}

/** One request, as its administrators see it; NOT_FOUND beyond the creator's authority or the token's accounts. */
export async function getRequestForCaller(
  caller: ApiCaller,
  params: Record<string, string>,
): Promise<z.input<typeof requestDetail>> {
  const path = requestParams.safeParse(params);
  if (!path.success) throw validationError(path.error);
  const view = await getRequestForAdmin(caller.creator, path.data.requestId);
  if (!view || !withinTokenAccounts(caller, view.request.account.id))
    throw new AppError("NOT_FOUND", "No such request");
  const { request } = view;
  return {
    id: request.id,
    status: request.status,
    account: request.account,
    requester: {
      email: request.requester.email,
      firstName: request.requester.firstName,
      lastName: request.requester.lastName,
      company: request.requester.company,
      jobTitle: request.requester.jobTitle,
      country: request.requester.country,
      phone: request.requester.phone,
    },
    reason: request.reason,
    domain: request.domain,
    createdAt: request.createdAt.toISOString(),
    expiresAt: request.expiresAt.toISOString(),
    escalatedAt: iso(request.escalatedAt),
    decidedAt: iso(request.decidedAt),
    grantedRole: request.grantedRole,
    grantedScope: grantedScopeOfRow(request),
    decidedBy: request.decidedBy,
    decisionNote: request.decisionNote,
    reminderCount: request.reminderCount,
    // Its scope; no role for virtual accounts (the membership's column holds a placeholder).
    currentMembership: view.membership && {
      scope: view.membership.scope === "ACCOUNT" ? "account" : "virtualAccounts",
      role: view.membership.scope === "ACCOUNT" ? view.membership.role : null,
      active: view.membership.active,
    },
  };
}

/**
 * Approves or denies a request as the token's creator: the UI's own Mutation (approveRequest or
 * denyRequest: its schema, its refusal of support staff, first decision wins, the same emails,
 * audit event and webhook event), with the request from the path, in one transaction that also
 * records the token's use.
 */
export async function decideForCaller(
  caller: ApiCaller,
  decide: Mutation<ZodType, DecisionResult>,
  params: Record<string, string>,
  body: Record<string, unknown>,
): Promise<DecisionResult & { id: string }> {
  const path = requestParams.safeParse(params);
  if (!path.success) throw validationError(path.error);
  const { requestId } = path.data;
  const decided = await db.$transaction(
    async (tx) => {
      // A request never changes account: read here, the token's limit holds for the decision below.
      const request = await tx.accessRequest.findUnique({
        where: { id: requestId },
        select: { accountId: true },
      });
      if (!request || !withinTokenAccounts(caller, request.accountId))
        throw new AppError("NOT_FOUND", "No such request");
      const result = await decide.executeIn(tx, caller.creator, { ...body, requestId });
      await recordAudit(tx, {
        actorId: caller.creator.id,
        action: "apiToken.used",
        subjectType: "ApiToken",
        subjectId: caller.tokenId,
        after: { requestId, decision: result.status },
      });
      return { id: requestId, ...result };
    },
    { maxWait: 10_000, timeout: 15_000 },
  );
  // Committed: counted (portal_access_requests_decided_total).
  countDecision(decided.status);
  return decided;
}
