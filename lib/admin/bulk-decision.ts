import { defineMutation } from "@/lib/actions/mutation";
import { accessEndsAt } from "@/lib/memberships/schema";
import { countDecisions } from "@/lib/metrics/use-cases";
import { decideOne, deciderFor, type DecisionOutcome } from "./decision-step";
import { accessOfApproval, bulkDecisionSchema } from "./schema";

/**
 * What became of each request: a report, not a refusal (one request that cannot be decided does
 * not stop the others), so its outcomes are values rather than AppErrors.
 */
export interface BulkDecisionResult {
  decided: Extract<DecisionOutcome, { outcome: "decided" }>[];
  alreadyDecided: Extract<DecisionOutcome, { outcome: "alreadyDecided" }>[];
  refused: Extract<DecisionOutcome, { outcome: "refused" }>[];
  /** Ids that are not requests this actor may decide (or do not exist). */
  notFound: string[];
}

/**
 * Up to 100 requests approved with one access (the whole account with a role, or virtual accounts
 * — which only requests of their account can be given: the others are refused) and one end date, or denied with one reason, each
 * under the same rules as a single decision: the ones still pending are decided, the others are
 * reported with who decided them. One transaction; the rows are taken in id order so that two overlapping bulk
 * decisions lock them in the same order and cannot deadlock.
 */
export const decideInBulk = defineMutation({
  name: "admin.decideInBulk",
  input: bulkDecisionSchema,
  async run({ actor, input, tx }): Promise<BulkDecisionResult> {
    const decider = await deciderFor(tx, actor, true);
    const decision =
      input.decision === "approve"
        ? {
            decision: "approve" as const,
            access: accessOfApproval(input),
            endsAt: accessEndsAt(input),
          }
        : { decision: "deny" as const, reason: input.reason };
    const result: BulkDecisionResult = {
      decided: [],
      alreadyDecided: [],
      refused: [],
      notFound: [],
    };
    for (const requestId of [...new Set(input.requestIds)].sort()) {
      const outcome = await decideOne(decider, requestId, decision);
      if (outcome.outcome === "decided") result.decided.push(outcome);
      else if (outcome.outcome === "alreadyDecided") result.alreadyDecided.push(outcome);
      else if (outcome.outcome === "refused") result.refused.push(outcome);
      else result.notFound.push(requestId);
    }
    return result;
  },
});

// Counted once the transaction has committed (portal_access_requests_decided_total).
countDecisions(decideInBulk, (result) => result.decided.map((decision) => decision.status));
