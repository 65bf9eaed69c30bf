import { cache } from "react";
import { visibleRequestsWhere } from "@/lib/admin/authority";
import { administeredAccountsWithPending } from "@/lib/admin/list-queue";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { administersVirtualAccounts } from "@/lib/memberships/list-members";
import { isSupportStaff } from "@/lib/support/access";

export interface MenuModel {
  /**
   * Sees the approval dashboard: administrator of at least one account (active membership), or a
   * super administrator (escalated requests of any account).
   */
  isAccountAdmin: boolean;
  /** Pending requests this user may decide, for the menu badge. */
  pendingForAdmin: number;
  /** Virtual Account Administrator somewhere (issue 27): reaches the members of their branches from the accounts page. */
  managesVirtualAccounts: boolean;
  /** Administers at least one account or a branch of one: the accounts and members page lists something. */
  managesAccounts: boolean;
  /** May create API tokens (the tokens page's own rule): an administrator or a super administrator, not support. */
  usesApiTokens: boolean;
  /** May register webhook endpoints (the webhooks page's own rule): an administrator, not support. */
  usesWebhooks: boolean;
  /** SUPPORT or SUPERADMIN: sees the support console. */
  isSupportStaff: boolean;
}

/**
 * What the menu offers this user, read from the database once per request (React cache): the
 * accounts they administer with their pending requests (shared with the queue and the accounts
 * page), whether they hold a Virtual Account Administrator grant, and for a super administrator
 * the escalated requests of other accounts. Each entry is shown by the rule of the page it opens
 * (lib/admin/authority.ts, lib/memberships/active-admin.ts, lib/support/access.ts).
 */
export const menuFor = cache(
  async (user: Pick<CurrentUser, "id" | "platformRole">): Promise<MenuModel> => {
    const superadmin = user.platformRole === "SUPERADMIN";
    // The dashboard's own reads, so that the badge and the queue agree: what visibleRequestsWhere
    // shows, pending.
    const [accounts, managesVirtualAccounts] = await Promise.all([
      administeredAccountsWithPending(user.id),
      administersVirtualAccounts(user.id),
    ]);
    let pendingForAdmin = accounts.reduce((sum, account) => sum + account.pending, 0);
    if (superadmin) {
      pendingForAdmin += await db.accessRequest.count({
        where: {
          AND: [
            { status: "PENDING", accountId: { notIn: accounts.map((account) => account.id) } },
            visibleRequestsWhere(user),
          ],
        },
      });
    }
    const administers = accounts.length > 0;
    const support = user.platformRole === "SUPPORT";
    return {
      isAccountAdmin: administers || superadmin,
      pendingForAdmin,
      managesVirtualAccounts,
      managesAccounts: administers || managesVirtualAccounts,
      usesApiTokens: (administers || superadmin) && !support,
      usesWebhooks: administers && !support,
      isSupportStaff: isSupportStaff(user),
    };
  },
);
