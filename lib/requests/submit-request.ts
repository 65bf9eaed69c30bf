import { uuidv7 } from "@/lib/uuidv7";
import { defineSqlMutation } from "@/lib/actions/mutation";
import { normalizeDomain } from "@/lib/accounts/domain";
import { insertSubmittedRequest, pendingRequestOf, readSubmitFacts } from "@/lib/db/sql/submit";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { missingProfileFields } from "@/lib/profile/schema";
import { countSubmits } from "@/lib/metrics/use-cases";
import { assertWithinLimit } from "@/lib/rate-limit";
import { escalateIfNeeded } from "./escalation";
import { adminNotices, type RequestForNotice } from "./notify";
import { recipientOf } from "./recipients";
import { submitRequestSchema } from "./schema";
import { addDays } from "@/lib/time";

export type SubmitRequestResult =
  | { outcome: "created"; requestId: string; accountName: string; noActiveAdmin: boolean }
  | { outcome: "alreadyPending"; requestId: string; accountName: string; createdAt: Date }
  | { outcome: "alreadyMember"; accountName: string; role: string };

/**
 * A requester asks for access to an account found by its identifier. The database refuses a second
 * PENDING request for the same requester and account (partial unique index), so concurrent
 * submits create one request and the others are shown it. A requester whose membership is in
 * force (lib/memberships/active-admin.ts: an end date that passed ends it, swept or not) is told
 * they already have access.
 *
 * Two statements do the work: one reads every fact the rules need, one writes the request with its
 * audit event, its administrators' emails and its webhook deliveries (a data-modifying WITH, each
 * part guarded by the request's INSERT having inserted). Raw statements only, so that it runs in a
 * plain pg transaction (defineSqlMutation): every requester runs it.
 */
export const submitRequest = defineSqlMutation({
  name: "request.submit",
  input: submitRequestSchema,
  async run({ actor, input, tx }): Promise<SubmitRequestResult> {
    const now = new Date();
    const domain = normalizeDomain(input.domain);
    const [facts] = await readSubmitFacts(
      tx,
      actor.id,
      input.accountId,
      domain.ok ? domain.domain : "",
      now,
    );
    if (!facts) throw new AppError("UNAUTHENTICATED", "No such user");
    const missing = missingProfileFields(facts);
    if (missing.length) {
      throw new AppError("VALIDATION", "Profile incomplete", {
        fieldErrors: { _form: "profileIncomplete" },
        missing,
      });
    }
    if (!domain.ok || !facts.accountId || !facts.accountName)
      throw new AppError("NOT_FOUND", "No such account for this identifier");
    const account = { id: facts.accountId, name: facts.accountName };
    if (facts.memberRole)
      return { outcome: "alreadyMember", accountName: account.name, role: facts.memberRole };

    const requestId = uuidv7();
    const requester = {
      email: facts.email!,
      firstName: facts.firstName,
      lastName: facts.lastName,
      company: facts.company,
    };
    const notice: RequestForNotice = {
      id: requestId,
      domain: domain.domain,
      reason: input.reason,
      createdAt: now,
      requester,
      account,
    };
    const created = await insertSubmittedRequest(
      tx,
      {
        id: requestId,
        requesterId: actor.id,
        accountId: account.id,
        domain: domain.domain,
        reason: input.reason,
        expiresAt: addDays(now, env().ACCESS_REQUEST_TTL_DAYS),
      },
      {
        audit: {
          actorId: actor.id,
          action: "request.submitted",
          subjectType: "AccessRequest",
          subjectId: requestId,
          after: {
            status: "PENDING",
            accountId: account.id,
            domain: domain.domain,
            reason: input.reason,
          },
        },
        emails: adminNotices(notice, facts.admins.map(recipientOf), false),
      },
    );
    if (!created) {
      const existing = await pendingRequestOf(tx, actor.id, account.id);
      // The conflicting request was withdrawn, decided or expired between the two statements.
      if (!existing) throw new Error("The pending request this submit conflicted with is gone");
      return {
        outcome: "alreadyPending",
        requestId: existing.id,
        accountName: account.name,
        createdAt: existing.createdAt,
      };
    }
    assertWithinLimit("submitRequest", created);
    const noActiveAdmin = facts.admins.length === 0;
    // The rule (escalateIfNeeded) decides; asked only when nobody can decide the request, since a
    // request just made cannot have waited ESCALATE_AFTER_DAYS (at least 1): no statement otherwise.
    if (noActiveAdmin) await escalateIfNeeded(tx, { ...notice, createdAt: created.createdAt });
    return { outcome: "created", requestId, accountName: account.name, noActiveAdmin };
  },
});

// Counted once the transaction has committed (portal_access_requests_submitted_total).
countSubmits(submitRequest);
