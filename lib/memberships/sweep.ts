import { recordAudit } from "@/lib/audit/record";
import { env } from "@/lib/env";
import {
  claimEndingSoonBatch,
  endExpiredBatch,
  type SweptMembership,
} from "@/lib/db/sql/membership-sweep";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { afterFailureMs } from "@/lib/jobs/retry";
import { startPollingLoop, type PollingLoop } from "@/lib/jobs/polling-loop";
import { logger } from "@/lib/log";
import { displayName } from "@/lib/people";
import { emailSupport } from "@/lib/requests/recipients";
import { addDays } from "@/lib/time";
import { absoluteUrl } from "@/lib/urls";
import { emitMembershipEvent } from "@/lib/webhooks/emit";
import { activeAdminMembershipWhere } from "./active-admin";
import { loadMemberNotice, membershipLinks, notifyEndingSoon, notifyMember } from "./notify";

/** A batch writes an audit event and emails per membership: give it more than Prisma's default 5 s. */
const BATCH_TIMEOUT_MS = 60_000;

export interface MembershipSweepOptions {
  now?: Date;
  /** Memberships handled per transaction. */
  batchSize?: number;
  /** Days before its end that a time-bound access is announced (MEMBERSHIP_END_WARNING_DAYS). */
  warningDays?: number;
}

/**
 * Runs `claim` (an UPDATE … RETURNING over rows picked with FOR UPDATE SKIP LOCKED) in batches of
 * one transaction each, handing each batch's rows to `handle` in that transaction.
 */
async function inBatches(
  db: PrismaClient,
  batchSize: number,
  claim: (tx: Prisma.TransactionClient) => Promise<SweptMembership[]>,
  handle: (tx: Prisma.TransactionClient, rows: SweptMembership[]) => Promise<void>,
): Promise<number> {
  let total = 0;
  for (;;) {
    const count = await db.$transaction(
      async (tx) => {
        const rows = await claim(tx);
        if (rows.length) await handle(tx, rows);
        return rows.length;
      },
      { timeout: BATCH_TIMEOUT_MS },
    );
    total += count;
    if (count < batchSize) return total;
  }
}

/**
 * Announces, once, each time-bound access that ends within `warningDays`: the member and the
 * account's other active administrators are emailed. `endWarnedAt` is set by an UPDATE that only
 * matches rows not yet warned, over rows claimed with SKIP LOCKED, so several workers never warn
 * twice; extending the access clears it, and the new date is announced in its turn.
 */
export async function warnEndingMemberships(
  db: PrismaClient,
  options: MembershipSweepOptions = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 100;
  const horizon = addDays(now, options.warningDays ?? env().MEMBERSHIP_END_WARNING_DAYS);
  return inBatches(
    db,
    batchSize,
    (tx) => claimEndingSoonBatch(tx, now, horizon, batchSize),
    async (tx, rows) => {
      for (const row of rows) {
        await recordAudit(tx, {
          actorId: null,
          action: "membership.endWarned",
          subjectType: "Membership",
          subjectId: row.id,
          after: { endsAt: row.endsAt.toISOString() },
        });
        await notifyEndingSoon(tx, await loadMemberNotice(tx, row.id), row);
      }
    },
  );
}

/**
 * Ends each access whose end date has come: inactive, ended EXPIRED, audited, the person emailed
 * (they may request access again), a membership.removed webhook event queued. Claimed with SKIP
 * LOCKED and re-checked in the UPDATE, so two workers never end one membership twice, and an
 * administrator extending it at that moment either wins (the sweep no longer matches) or is told
 * it ended. An end date is kept even for the last
 * active administrator; support staff are then told that the account has nobody to administer it.
 */
export async function endExpiredMemberships(
  db: PrismaClient,
  options: MembershipSweepOptions = {},
): Promise<number> {
  const now = options.now ?? new Date();
  const batchSize = options.batchSize ?? 100;
  return inBatches(
    db,
    batchSize,
    (tx) => endExpiredBatch(tx, now, batchSize),
    async (tx, rows) => {
      for (const row of rows) {
        await recordAudit(tx, {
          actorId: null,
          action: "membership.expired",
          subjectType: "Membership",
          subjectId: row.id,
          before: { active: true, role: row.role, endsAt: row.endsAt.toISOString() },
          after: {
            active: false,
            endCause: "EXPIRED",
            accountId: row.accountId,
            userId: row.userId,
          },
        });
        await emitMembershipEvent(tx, "membership.removed", row.id, {
          previousRole: row.role,
          changedById: null,
        });
        const notice = await loadMemberNotice(tx, row.id);
        await notifyMember(tx, notice, "membership-ended", {
          endsAt: row.endsAt.toISOString(),
          url: membershipLinks.requestAgain(),
        });
        if (row.role === "ADMIN") await tellSupportIfNoAdministrator(tx, row, notice, now);
      }
    },
  );
}

async function tellSupportIfNoAdministrator(
  tx: Prisma.TransactionClient,
  row: SweptMembership,
  notice: Awaited<ReturnType<typeof loadMemberNotice>>,
  now: Date,
) {
  const admins = await tx.membership.count({
    where: { ...activeAdminMembershipWhere(now), accountId: row.accountId },
  });
  if (admins > 0) return;
  await emailSupport(tx, {
    template: "account-without-admin",
    payload: {
      accountName: notice.account.name,
      formerAdminName: displayName(notice.user),
      formerAdminEmail: notice.user.email,
      url: absoluteUrl(`/support/users/${row.userId}`),
    },
  });
}

/** Announces, then ends, what is due; one pass. */
export async function sweepMemberships(db: PrismaClient, options: MembershipSweepOptions = {}) {
  const warned = await warnEndingMemberships(db, options);
  const ended = await endExpiredMemberships(db, options);
  if (warned || ended) logger.info({ warned, ended }, "memberships swept");
  return { warned, ended };
}

/**
 * Runs the sweep of time-bound accesses now and then every `intervalMs` (MEMBERSHIP_SWEEP_MS) until
 * stopped: end dates are days, so a minute between passes is plenty; survives the database going
 * away.
 */
export function startMembershipSweeper({
  db,
  intervalMs,
}: {
  db: PrismaClient;
  intervalMs: number;
}): PollingLoop {
  return startPollingLoop({
    pass: async () => {
      await sweepMemberships(db);
      return false;
    },
    intervalMs,
    // The database gone: not again sooner than 5 s, however short the interval.
    retryMs: afterFailureMs(intervalMs),
    failureMessage: "membership sweep failed; retrying later",
  });
}
