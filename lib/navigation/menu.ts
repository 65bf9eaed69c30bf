import { cache } from "react";
import type { CurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";

export interface MenuModel {
  /** Administrator of at least one account (active membership): sees the approval dashboard. */
  isAccountAdmin: boolean;
  /** Pending requests waiting for this administrator, for the menu badge. */
  pendingForAdmin: number;
  /** SUPPORT or SUPERADMIN: sees the support console. */
  isSupportStaff: boolean;
}

/** What the menu offers this user, read from the database once per request. */
export const menuFor = cache(async (user: CurrentUser): Promise<MenuModel> => {
  const [adminships, pendingForAdmin] = await Promise.all([
    db.membership.count({ where: { userId: user.id, role: "ADMIN", active: true, account: { status: "ACTIVE" } } }),
    db.accessRequest.count({
      where: {
        status: "PENDING",
        requesterId: { not: user.id },
        account: { status: "ACTIVE", memberships: { some: { userId: user.id, role: "ADMIN", active: true } } },
      },
    }),
  ]);
  return {
    isAccountAdmin: adminships > 0,
    pendingForAdmin,
    isSupportStaff: user.platformRole === "SUPPORT" || user.platformRole === "SUPERADMIN",
  };
});
