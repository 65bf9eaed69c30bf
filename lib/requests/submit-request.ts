import { randomUUID } from "node:crypto";
import { defineMutation } from "@/lib/actions/mutation";
import { normalizeDomain } from "@/lib/accounts/domain";
import { recordAudit } from "@/lib/audit/record";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { missingProfileFields } from "@/lib/profile/schema";
import { consumeRateLimit } from "@/lib/rate-limit";
import { escalateIfNeeded } from "./escalation";
import { notifyAdmins, type RequestForNotice } from "./notify";
import { submitRequestSchema } from "./schema";
import { addDays } from "@/lib/time";
import { emitRequestEvent } from "@/lib/webhooks/emit";

export type SubmitRequestResult =
  | { outcome: "created"; requestId: string; accountName: string; noActiveAdmin: boolean }
  | { outcome: "alreadyPending"; requestId: string; accountName: string; createdAt: Date }
  | { outcome: "alreadyMember"; accountName: string; role: string };

/**
 * A requester asks for access to an account found by its identifier. The database refuses a second
 * PENDING request for the same requester and account (partial unique index), so concurrent
 * submits create one request and the others are shown it.
 */
export const submitRequest = defineMutation({
  name: "request.submit",
  input: submitRequestSchema,
  async run({ actor, input, tx }): Promise<SubmitRequestResult> {
    const requester = await tx.user.findUniqueOrThrow({ where: { id: actor.id } });
    const missing = missingProfileFields(requester);
    if (missing.length) {
      throw new AppError("VALIDATION", "Profile incomplete", { fieldErrors: { _form: "profileIncomplete" }, missing });
    }
    const domain = normalizeDomain(input.domain);
    const account = domain.ok
      ? await tx.account.findFirst({
          where: { id: input.accountId, status: "ACTIVE", domains: { some: { domain: domain.domain } } },
          select: { id: true, name: true },
        })
      : null;
    if (!domain.ok || !account) throw new AppError("NOT_FOUND", "No such account for this identifier");

    const membership = await tx.membership.findUnique({
      where: { userId_accountId: { userId: actor.id, accountId: account.id } },
      select: { role: true, active: true },
    });
    if (membership?.active) return { outcome: "alreadyMember", accountName: account.name, role: membership.role };

    const expiresAt = addDays(new Date(), env().ACCESS_REQUEST_TTL_DAYS);
    // ON CONFLICT waits for a concurrent insert of the same pair to commit, then does nothing.
    const inserted = await tx.$queryRaw<{ id: string; createdAt: Date }[]>`
      INSERT INTO "AccessRequest" ("id", "requesterId", "accountId", "domain", "reason", "expiresAt", "updatedAt")
      VALUES (${randomUUID()}, ${actor.id}, ${account.id}, ${domain.domain}, ${input.reason}, ${expiresAt}, now())
      ON CONFLICT ("requesterId", "accountId") WHERE status = 'PENDING' DO NOTHING
      RETURNING "id", "createdAt"`;
    const requestId = inserted[0]?.id;
    if (!requestId) {
      const existing = await tx.accessRequest.findFirstOrThrow({
        where: { requesterId: actor.id, accountId: account.id, status: "PENDING" },
        select: { id: true, createdAt: true },
      });
      return { outcome: "alreadyPending", requestId: existing.id, accountName: account.name, createdAt: existing.createdAt };
    }
    // Counted only when a request is made (it emails every administrator): a refusal rolls the
    // insert back, and showing the pending request again costs nothing.
    await consumeRateLimit("submitRequest", actor.id);

    // What the notices need is all at hand: no second read of the new row.
    const request: RequestForNotice = {
      id: requestId,
      domain: domain.domain,
      reason: input.reason,
      createdAt: inserted[0]!.createdAt,
      requester: { email: requester.email, firstName: requester.firstName, lastName: requester.lastName, company: requester.company },
      account,
    };
    await recordAudit(tx, {
      actorId: actor.id,
      action: "request.submitted",
      subjectType: "AccessRequest",
      subjectId: requestId,
      after: { status: "PENDING", accountId: account.id, domain: domain.domain, reason: input.reason },
    });
    await emitRequestEvent(tx, "request.created", requestId);
    const notified = await notifyAdmins(tx, request, false);
    await escalateIfNeeded(tx, request, { hasActiveAdmin: notified > 0 });
    return { outcome: "created", requestId, accountName: account.name, noActiveAdmin: notified === 0 };
  },
});
