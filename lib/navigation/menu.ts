import { cache } from "react";
import { visibleRequestsWhere } from "@/lib/admin/authority";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";

export interface MenuModel {
  /**
   * Sees the approval dashboard: administrator of at least one account (active membership), or a
   * super administrator (escalated requests of any account).
   */
  isAccountAdmin: boolean;
  /** Pending requests this user may decide, for the menu badge. */
  pendingForAdmin: number;
  /** SUPPORT or SUPERADMIN: sees the support console. */
  isSupportStaff: boolean;
}

/** What the menu offers this user, read from the database once per request. */
export const menuFor = cache(async (user: CurrentUser): Promise<MenuModel> => {
  const [adminships, pendingForAdmin] = await Promise.all([
    db.membership.count({ where: { userId: user.id, role: "ADMIN", active: true, account: { status: "ACTIVE" } } }),
    // The dashboard's own filter, so that the badge and the queue always agree.
    db.accessRequest.count({ where: { AND: [{ status: "PENDING" }, visibleRequestsWhere(user)] } }),
  ]);
  return {
    isAccountAdmin: adminships > 0 || user.platformRole === "SUPERADMIN",
    pendingForAdmin,
    isSupportStaff: user.platformRole === "SUPPORT" || user.platformRole === "SUPERADMIN",
  };
});
