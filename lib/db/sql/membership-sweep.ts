import { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/memberships/rules";

type Tx = Prisma.TransactionClient;

/** A membership the sweep claimed. */
export interface SweptMembership {
  id: string;
  accountId: string;
  userId: string;
  role: Role;
  endsAt: Date;
}

/**
 * Claims up to `batchSize` active time-bound memberships that are `due`, soonest end first, and
 * applies `set` to those still matching `stillDue` (rechecked in the UPDATE, after the lock). SQL
 * for the lock: FOR UPDATE SKIP LOCKED, so that concurrent sweeps take different rows; the scan is
 * the partial index Membership_ending_idx.
 */
function claimMemberships(
  tx: Tx,
  batchSize: number,
  claim: { set: Prisma.Sql; due: Prisma.Sql; stillDue: Prisma.Sql },
): Promise<SweptMembership[]> {
  return tx.$queryRaw<SweptMembership[]>`
      UPDATE "Membership" AS m SET ${claim.set}
       WHERE ${claim.stillDue}
         AND m."id" IN (
           SELECT "id" FROM "Membership"
            WHERE "active" AND "endsAt" IS NOT NULL AND ${claim.due}
            ORDER BY "endsAt"
            LIMIT ${batchSize}
              FOR UPDATE SKIP LOCKED)
      RETURNING m."id", m."accountId", m."userId", m."role"::text AS "role", m."endsAt"`;
}

/** Marks warned (at `now`) up to `batchSize` memberships in force whose end is before `horizon` and not yet announced. */
export function claimEndingSoonBatch(
  tx: Tx,
  now: Date,
  horizon: Date,
  batchSize: number,
): Promise<SweptMembership[]> {
  return claimMemberships(tx, batchSize, {
    set: Prisma.sql`"endWarnedAt" = ${now}`,
    due: Prisma.sql`"endsAt" > ${now} AND "endsAt" <= ${horizon} AND "endWarnedAt" IS NULL`,
    stillDue: Prisma.sql`m."endWarnedAt" IS NULL AND m."active"`,
  });
}

/**
 * Ends (EXPIRED, at `now`) up to `batchSize` active memberships no longer in force: their end date
 * has come. The index scan selects `endsAt <= now`; the UPDATE re-checks the rule itself
 * (membership_in_force) on the locked row, so an extension committed meanwhile wins.
 */
export function endExpiredBatch(tx: Tx, now: Date, batchSize: number): Promise<SweptMembership[]> {
  return claimMemberships(tx, batchSize, {
    set: Prisma.sql`"active" = false, "endedAt" = ${now}, "endCause" = 'EXPIRED', "updatedAt" = now()`,
    due: Prisma.sql`"endsAt" <= ${now}`,
    stillDue: Prisma.sql`m."active" AND NOT "membership_in_force"(m, ${now}::timestamp(3))`,
  });
}
