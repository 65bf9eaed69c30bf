import { recordAudit } from "@/lib/audit/record";
import { clearFailingSince, markFailing } from "@/lib/db/sql/webhook-delivery";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { activeAdmins, emailEach } from "@/lib/requests/recipients";
import { HOUR_MS } from "@/lib/time";
import { absoluteUrl } from "@/lib/urls";
import { FAILING_DISABLES_AFTER_HOURS } from "./rules";

export interface AttemptResult {
  endpointId: string;
  ok: boolean;
  at: Date;
}

/**
 * Keeps each endpoint's `failingSince`: cleared by any delivered attempt, set by the first failure
 * after one. An endpoint whose attempts have all failed for FAILING_DISABLES_AFTER_HOURS is
 * disabled, its waiting deliveries end as FAILED, and its account's administrators are emailed,
 * in one transaction (the email exists if and only if the endpoint was disabled, once).
 */
export async function disableFailingEndpoints(
  db: PrismaClient,
  results: AttemptResult[],
  now: Date,
): Promise<string[]> {
  const answering = [...new Set(results.filter((r) => r.ok).map((r) => r.endpointId))];
  const failing = [
    ...new Set(
      results.filter((r) => !r.ok && !answering.includes(r.endpointId)).map((r) => r.endpointId),
    ),
  ];
  if (answering.length) {
    await clearFailingSince(db, answering);
  }
  if (failing.length === 0) return [];
  const firstFailure = new Date(
    Math.min(...results.filter((r) => !r.ok).map((r) => r.at.getTime())),
  );
  const states = await markFailing(db, failing, firstFailure);
  const cutoff = new Date(now.getTime() - FAILING_DISABLES_AFTER_HOURS * HOUR_MS);
  const disabled: string[] = [];
  for (const state of states.filter((s) => s.failingSince <= cutoff)) {
    if (await disableEndpoint(db, state.id, state.failingSince, now)) disabled.push(state.id);
  }
  return disabled;
}

async function disableEndpoint(
  db: PrismaClient,
  endpointId: string,
  failingSince: Date,
  now: Date,
): Promise<boolean> {
  return db.$transaction(async (tx) => {
    const { count } = await tx.webhookEndpoint.updateMany({
      where: { id: endpointId, disabledAt: null },
      data: { disabledAt: now, disabledReason: "failing" },
    });
    if (count === 0) return false;
    const endpoint = await tx.webhookEndpoint.findUniqueOrThrow({
      where: { id: endpointId },
      select: { url: true, accountId: true, account: { select: { name: true } } },
    });
    await tx.webhookDelivery.updateMany({
      where: { endpointId, status: "QUEUED" },
      data: {
        status: "FAILED",
        lastError: "endpoint disabled after a day of failures",
        claimToken: null,
      },
    });
    await recordAudit(tx, {
      actorId: null,
      action: "webhook.disabled",
      subjectType: "WebhookEndpoint",
      subjectId: endpointId,
      after: { reason: "failing", failingSince: failingSince.toISOString(), url: endpoint.url },
    });
    const admins = await activeAdmins(tx, endpoint.accountId);
    await emailEach(tx, admins, {
      template: "webhook-disabled",
      payload: {
        accountName: endpoint.account.name,
        endpointUrl: endpoint.url,
        hours: FAILING_DISABLES_AFTER_HOURS,
        url: absoluteUrl(`/admin/webhooks/${endpointId}`),
      },
    });
    return true;
  });
}
