import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import {
  encodeCursor,
  KeysetRead,
  keysetPage,
  pageDirection,
  rowsToFetch,
} from "@/lib/pagination/keyset";
import { findEndpointOfAdmin } from "./authority";
import { shownFailure } from "./delivery-failure";

export const DELIVERY_LOG_PAGE_SIZE = 25;

/**
 * An endpoint's deliveries, newest first, each with every attempt (when, how long, the receiver's
 * status or why there was none, as a category: never a network error's text, which names hosts,
 * addresses and ports), paginated by keyset like the queue. null unless the actor
 * administers the endpoint's account.
 */
export async function getDeliveryLog(
  actor: Pick<Actor, "id">,
  endpointId: string,
  cursors: { after?: string; before?: string },
) {
  const endpoint = await findEndpointOfAdmin(db, actor.id, endpointId);
  if (!endpoint) return null;
  const direction = pageDirection(cursors);
  const read = new KeysetRead(direction, "desc");
  const found = await db.webhookDelivery.findMany({
    where: { endpointId, ...read.prismaWhere() },
    orderBy: read.prismaOrderBy(),
    take: rowsToFetch(DELIVERY_LOG_PAGE_SIZE),
    select: {
      id: true,
      eventType: true,
      status: true,
      attempts: true,
      createdAt: true,
      deliveredAt: true,
      nextAttemptAt: true,
      tries: {
        orderBy: [{ attemptedAt: "asc" }, { id: "asc" }],
        select: { id: true, attemptedAt: true, durationMs: true, statusCode: true, error: true },
      },
    },
  });
  const page = keysetPage(found, direction, DELIVERY_LOG_PAGE_SIZE);
  return {
    endpoint,
    deliveries: page.rows.map((row) => ({
      ...row,
      tries: row.tries.map(({ error, ...attempt }) => ({
        ...attempt,
        id: attempt.id.toString(),
        failure: shownFailure(error),
      })),
    })),
    next: page.next && encodeCursor(page.next),
    previous: page.previous && encodeCursor(page.previous),
  };
}
