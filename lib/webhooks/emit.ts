import type { SqlWriter } from "@/lib/db/client";
import { insertMembershipEvent, insertRequestEvent } from "@/lib/db/sql/webhooks";
import type { MembershipRole } from "@/lib/generated/prisma/enums";
import type { MembershipEvent, RequestEvent } from "./events";

/**
 * Queues a request event, in the transaction of the change, for every enabled endpoint of the
 * request's account subscribed to it. The payload is the request as it is after the change
 * (lib/webhooks/events.ts, requestEventData); the worker (./worker.ts) delivers it. The statement
 * (requestEventInsert, which a change inserting its request in one statement uses itself):
 * lib/db/sql/webhooks.ts.
 */
export async function emitRequestEvent(
  tx: SqlWriter,
  type: RequestEvent,
  requestId: string,
): Promise<void> {
  await insertRequestEvent(tx, type, requestId);
}

export interface MembershipChange {
  /**
   * The Smart Account role before the change (for a removal: the role the member had); null when
   * the membership was of virtual accounts (its column's placeholder is no role).
   */
  previousRole: MembershipRole | null;
  /** Who made it; null for the sweep ending an access at its end date. */
  changedById: string | null;
}

/**
 * Queues a membership event the same way: its data (membershipEventData) is the membership as it
 * is after the change, read in the change's transaction; `role` is null once the access ended (the
 * membership no longer in force at `now`: lib/memberships/active-admin.ts).
 */
export async function emitMembershipEvent(
  tx: SqlWriter,
  type: MembershipEvent,
  membershipId: string,
  change: MembershipChange,
  now: Date = new Date(),
): Promise<void> {
  await insertMembershipEvent(tx, type, membershipId, change, now);
}
