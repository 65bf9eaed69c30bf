import { defineMutation } from "@/lib/actions/mutation";
import type { Actor } from "@/lib/auth/actor";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { accessEndsAt } from "@/lib/memberships/schema";
import { countDecisions } from "@/lib/metrics/use-cases";
import { decideOne, deciderFor, type DecisionOutcome } from "./decision-step";
import { accessOfApproval, approveRequestSchema, denyRequestSchema, type Decision } from "./schema";

export interface DecisionResult {
  status: "APPROVED" | "DENIED";
  requesterName: string;
}

/**
 * One decision, its outcomes as the UI and the API report them: the refusals as AppErrors (the API
 * runs the Mutations below, in its own transaction: lib/api/requests.ts).
 */
async function decideSingle(
  tx: Prisma.TransactionClient,
  actor: Actor,
  requestId: string,
  decision: Decision,
): Promise<DecisionResult> {
  const outcome: DecisionOutcome = await decideOne(
    await deciderFor(tx, actor, false),
    requestId,
    decision,
  );
  if (outcome.outcome === "notFound") throw new AppError("NOT_FOUND", "No such request");
  if (outcome.outcome === "refused") {
    throw new AppError(
      outcome.reason === "roleAboveOwn" ? "FORBIDDEN" : "CONFLICT",
      "The request cannot be decided",
      { fieldErrors: { _form: outcome.reason } },
    );
  }
  if (outcome.outcome === "alreadyDecided") {
    // The other admin sees who decided and when, not an error page.
    const { status, decidedBy, decidedAt } = outcome;
    throw new AppError("CONFLICT", "The request was already decided", {
      status,
      decidedBy,
      decidedAt,
    });
  }
  return { status: outcome.status, requesterName: outcome.requesterName };
}

/**
 * An administrator of the request's account (or a super administrator, for an escalated request)
 * approves it for the whole account with a role or for chosen virtual accounts, and an end date if
 * the access is time-bound: APPROVED, membership,
 * audit event and the requester's email, at once.
 */
export const approveRequest = defineMutation({
  name: "admin.approveRequest",
  input: approveRequestSchema,
  run: ({ actor, input, tx }) =>
    decideSingle(tx, actor, input.requestId, {
      decision: "approve",
      access: accessOfApproval(input),
      endsAt: accessEndsAt(input),
    }),
});

/** The same, denying it with an optional reason that the requester is emailed. */
export const denyRequest = defineMutation({
  name: "admin.denyRequest",
  input: denyRequestSchema,
  run: ({ actor, input, tx }) =>
    decideSingle(tx, actor, input.requestId, { decision: "deny", reason: input.reason }),
});

// Counted once the transaction has committed (portal_access_requests_decided_total); the API's
// door, which runs them in its own transaction, counts after it (lib/api/requests.ts).
countDecisions(approveRequest, (result) => [result.status]);
countDecisions(denyRequest, (result) => [result.status]);
