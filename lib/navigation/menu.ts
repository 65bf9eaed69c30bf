import { cache } from "react";
import { visibleRequestsWhere } from "@/lib/admin/authority";
import { administeredAccountsWithPending } from "@/lib/admin/list-queue";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { administersVirtualAccounts } from "@/lib/memberships/list-members";

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
  /** SUPPORT or SUPERADMIN: sees the support console. */
  isSupportStaff: boolean;
}

/** What the menu offers this user, read from the database once per request. */
export const menuFor = cache(
  async (user: Pick<CurrentUser, "id" | "platformRole">): Promise<MenuModel> => {
    // The dashboard's own reads (shared with the queue page in the same request), so that the badge
    // and the queue agree: what visibleRequestsWhere shows, pending.
    const accounts = await administeredAccountsWithPending(user.id);
    let pendingForAdmin = accounts.reduce((sum, account) => sum + account.pending, 0);
    if (user.platformRole === "SUPERADMIN") {
      pendingForAdmin += await db.accessRequest.count({
        where: {
          AND: [
            { status: "PENDING", accountId: { notIn: accounts.map((account) => account.id) } },
            visibleRequestsWhere(user),
          ],
        },
      });
    }
    return {
      isAccountAdmin: accounts.length > 0 || user.platformRole === "SUPERADMIN",
      pendingForAdmin,
      managesVirtualAccounts: await administersVirtualAccounts(user.id),
      isSupportStaff: user.platformRole === "SUPPORT" || user.platformRole === "SUPERADMIN",
    };
  },
);
