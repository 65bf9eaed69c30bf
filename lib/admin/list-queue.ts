import { cache } from "react";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { readPendingCounts, readQueuePositions, readQueueRows } from "@/lib/db/sql/admin-queue";
import type { AccessRequestStatus, MembershipRole } from "@/lib/generated/prisma/enums";
import { encodeCursor, keysetPage, pageDirection } from "@/lib/pagination/keyset";
import { administeredAccounts } from "./authority";
import type { QueueFilters } from "./schema";

type Person = { email: string; firstName: string | null; lastName: string | null };

export interface QueueRow {
  id: string;
  status: AccessRequestStatus;
  reason: string;
  domain: string;
  createdAt: Date;
  expiresAt: Date;
  escalatedAt: Date | null;
  decidedAt: Date | null;
  grantedRole: MembershipRole | null;
  /** What an approval granted (lib/requests/granted-scope.ts), as stored. */
  grantedScope: unknown;
  requester: Person & { company: string | null };
  account: { id: string; name: string };
  decidedBy: Person | null;
}

/** The rows of one page with their requester, account and decider: one statement. */
async function queueRows(ids: string[]): Promise<Map<string, QueueRow>> {
  if (ids.length === 0) return new Map();
  const found = await readQueueRows(ids);
  return new Map(
    found.map((row) => [
      row.id,
      {
        id: row.id,
        status: row.status,
        reason: row.reason,
        domain: row.domain,
        createdAt: row.createdAt,
        expiresAt: row.expiresAt,
        escalatedAt: row.escalatedAt,
        decidedAt: row.decidedAt,
        grantedRole: row.grantedRole,
        grantedScope: row.grantedScope,
        requester: {
          email: row.requesterEmail,
          firstName: row.requesterFirstName,
          lastName: row.requesterLastName,
          company: row.requesterCompany,
        },
        account: { id: row.accountId, name: row.accountName },
        decidedBy: row.deciderEmail
          ? {
              email: row.deciderEmail,
              firstName: row.deciderFirstName,
              lastName: row.deciderLastName,
            }
          : null,
      },
    ]),
  );
}

export interface QueuePage {
  rows: QueueRow[];
  /** Cursors for the neighbouring pages (`after=` / `before=`), null at either end. */
  next: string | null;
  previous: string | null;
  /** The accounts the actor administers, with their pending requests, for the account filter. */
  accounts: AdministeredAccount[];
  /** "escalated" only for a super administrator: asked for, or the only one of a super administrator who administers no account. */
  scope: QueueFilters["scope"];
}

/**
 * One page of the administrator's queue, in (createdAt, id) order, by keyset: the page after (or
 * before) a cursor. For each administered account and each status asked for, a LATERAL subquery
 * walks the (accountId, status, createdAt, id) index from the cursor and stops after one page; the
 * outer query merges those few rows. The cost is (accounts × statuses × page size) index entries
 * whatever the size of the table (docs/database.md; `npm run bench` writes the plan at 1M requests to
 * bench/results/query-plans.md).
 * A super administrator's "escalated" scope walks (status, createdAt, id) instead. `within` narrows
 * either scope further (an API token limited to some accounts). The statements:
 * lib/db/sql/admin-queue.ts.
 */
export async function listQueue(
  actor: Actor,
  filters: QueueFilters,
  within?: readonly string[],
): Promise<QueuePage> {
  const accounts = await administeredAccountsWithPending(actor.id);
  // A super administrator who administers no account has only the escalated requests to look at.
  const escalated =
    actor.platformRole === "SUPERADMIN" && (filters.scope === "escalated" || accounts.length === 0);
  const scope = escalated ? "escalated" : "mine";
  // `within` holds in every scope: the escalated one spans every account, so a read limited to
  // some accounts sees escalated requests only of the one of them it names.
  if (escalated && within && !(filters.account && within.includes(filters.account)))
    return { rows: [], next: null, previous: null, accounts, scope };
  const accountIds = escalated
    ? null
    : accounts
        .filter(
          (a) =>
            (!filters.account || a.id === filters.account) && (!within || within.includes(a.id)),
        )
        .map((a) => a.id);
  if (accountIds?.length === 0) return { rows: [], next: null, previous: null, accounts, scope };

  const direction = pageDirection(filters);
  const found = await readQueuePositions(actor, filters, accountIds);
  const page = keysetPage(found, direction, filters.size);
  const byId = await queueRows(page.rows.map((row) => row.id));
  return {
    rows: page.rows.map((row) => byId.get(row.id)).filter((row): row is QueueRow => Boolean(row)),
    scope,
    accounts,
    next: page.next && encodeCursor(page.next),
    previous: page.previous && encodeCursor(page.previous),
  };
}

/**
 * Pending requests per account, among the given accounts that the actor administers, without the
 * actor's own requests, from the partial index on pending requests (pendingCountsSql,
 * lib/db/sql/admin-queue.ts).
 */
export async function pendingCountsByAccount(
  actor: Pick<Actor, "id">,
  accountIds: string[],
): Promise<Map<string, number>> {
  if (accountIds.length === 0) return new Map();
  const groups = await readPendingCounts(actor.id, accountIds);
  return new Map(groups.map((group) => [group.accountId, group.pending]));
}

/**
 * The accounts the user administers, by name, each with its pending requests (not the user's own).
 * Read once per request (React cache): the menu's badge, the queue's account filter and the
 * accounts page share it.
 */
export const administeredAccountsWithPending = cache(
  async (userId: string): Promise<AdministeredAccount[]> => {
    const accounts = await administeredAccounts(db, userId);
    const pending = await pendingCountsByAccount(
      { id: userId },
      accounts.map((account) => account.id),
    );
    return accounts.map((account) => ({ ...account, pending: pending.get(account.id) ?? 0 }));
  },
);

export interface AdministeredAccount {
  id: string;
  name: string;
  pending: number;
}
