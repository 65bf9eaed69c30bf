import type { Actor } from "@/lib/auth/actor";
import {
  countMatches,
  MATCH_COUNT_CAP,
  prefixRequesterIds,
  readRequestPage,
} from "@/lib/db/sql/support-search";
import type { RequesterAccountColumns } from "@/lib/db/sql/requester-account-columns";
import type { AccessRequestStatus, MembershipRole } from "@/lib/generated/prisma/enums";
import {
  keysetPage,
  rowsToFetch,
  type KeysetPosition,
  type PageDirection,
} from "@/lib/pagination/keyset";
import type { RequestSearch } from "./search-params";
import { assertSupportStaff } from "./access";

export const SEARCH_PAGE_SIZE = 25;

/** One access request as the console lists and exports it. */
export interface RequestSearchRow extends RequesterAccountColumns {
  id: string;
  createdAt: Date;
  status: AccessRequestStatus;
  escalatedAt: Date | null;
  decidedAt: Date | null;
  expiresAt: Date;
  domain: string;
  reason: string;
  grantedRole: MembershipRole | null;
  requesterId: string;
}

export interface RequestSearchPage {
  rows: RequestSearchRow[];
  /** Position of the next (older) page, when there is one. */
  older: KeysetPosition | null;
  /** Position of the previous (newer) page, when there is one. */
  newer: KeysetPosition | null;
  matches: { count: number; capped: boolean };
}

/**
 * One page of the support search; support staff only. Its statements, each written for an index:
 * lib/db/sql/support-search.ts.
 */
export async function searchRequests(
  viewer: Pick<Actor, "id">,
  filters: RequestSearch,
  direction: PageDirection,
  pageSize = SEARCH_PAGE_SIZE,
): Promise<RequestSearchPage> {
  await assertSupportStaff(viewer);
  const requesterIds = await prefixRequesterIds(filters);
  const [fetched, count] = await Promise.all([
    readRequestPage(filters, direction, rowsToFetch(pageSize), requesterIds),
    countMatches(filters, MATCH_COUNT_CAP, requesterIds),
  ]);
  const page = keysetPage(fetched, direction, pageSize);
  return {
    rows: page.rows,
    older: page.next,
    newer: page.previous,
    matches: { count: Math.min(count, MATCH_COUNT_CAP), capped: count > MATCH_COUNT_CAP },
  };
}
