import { db } from "@/lib/db/client";

/** What the memberships tests read back, and a lock they race against (not a test file itself). */

export const membershipOf = (id: string) => db.membership.findUniqueOrThrow({ where: { id } });

export const auditOf = (subjectId: string) =>
  db.auditEvent.findMany({
    where: { subjectId },
    orderBy: { id: "asc" },
    select: { action: true, actorId: true, before: true, after: true },
  });

export const emailsTo = (to: string) =>
  db.emailMessage.findMany({
    where: { to },
    orderBy: { createdAt: "asc" },
    select: { template: true, locale: true, payload: true, requestId: true },
  });

/** Active administrators of an account, as every rule counts them. */
export const activeAdminCount = (accountId: string) =>
  db.membership.count({
    where: { accountId, role: "ADMIN", active: true, user: { disabledAt: null } },
  });

/**
 * Holds row locks on every membership of the account in a transaction of its own until released,
 * so that mutations started meanwhile all queue behind it and then run against each other: the
 * interleaving a race needs, made certain rather than left to timing.
 */
export async function holdMembershipLocks(accountId: string) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let locked!: () => void;
  const held = new Promise<void>((resolve) => (locked = resolve));
  const done = db.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT "id" FROM "Membership" WHERE "accountId" = ${accountId} FOR UPDATE`;
      locked();
      await released;
    },
    { timeout: 30_000 },
  );
  await held;
  return {
    /** Waits until `count` other sessions are blocked on a lock. */
    async whenWaiting(count: number) {
      for (let tries = 0; tries < 200; tries++) {
        const [row] = await db.$queryRaw<
          { waiting: number }[]
        >`SELECT count(*)::int AS "waiting" FROM pg_stat_activity WHERE "wait_event_type" = 'Lock' AND "datname" = current_database()`;
        if (row!.waiting >= count) return;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      throw new Error(`fewer than ${count} sessions ever waited for the lock`);
    },
    async release() {
      release();
      await done;
    },
  };
}
