/**
 * The pages F2 measures, built with their owners' own URL helpers so that a change of parameter
 * names follows here by itself. Adjust these three if the pages move.
 */
import { encodeCursor } from "@/lib/pagination/keyset";
import { queueHref } from "@/lib/admin/queue-url";
import { parseQueueFilters } from "@/lib/admin/schema";
import { searchQuery } from "@/lib/support/search-params";

/** An administrator's pending queue, filtered to one account: the first page. */
export function adminQueueFirstPageUrl(accountId: string): string {
  return queueHref(parseQueueFilters({ account: accountId }));
}

/** The same queue, a page deep in it: keyset after the request (createdAt, id). */
export function adminQueueDeepPageUrl(
  accountId: string,
  after: { createdAt: Date; id: string },
): string {
  return queueHref(parseQueueFilters({ account: accountId }), { after: encodeCursor(after) });
}

/** The support console's request search by the beginning of the requester's email address. */
export function supportEmailPrefixSearchUrl(prefix: string): string {
  return `/support${searchQuery({ email: prefix, emailMatch: "prefix" })}`;
}
