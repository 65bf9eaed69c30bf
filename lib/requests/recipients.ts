import { env } from "@/lib/env";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { AppLocale } from "@/lib/i18n/config";
import { displayName, localeOf } from "@/lib/people";

export interface Recipient {
  email: string;
  locale: AppLocale;
  name: string;
}

/** The account's active administrators (active membership, user not disabled). */
export async function activeAdmins(tx: Prisma.TransactionClient, accountId: string): Promise<Recipient[]> {
  const admins = await tx.user.findMany({
    where: { disabledAt: null, memberships: { some: { accountId, role: "ADMIN", active: true } } },
    select: { email: true, locale: true, firstName: true, lastName: true },
    orderBy: { email: "asc" },
  });
  return admins.map((admin) => ({ email: admin.email, locale: localeOf(admin), name: displayName(admin) }));
}

/** Support staff, or the support address when no staff member has an account. */
export async function supportRecipients(tx: Prisma.TransactionClient): Promise<Recipient[]> {
  const staff = await tx.user.findMany({
    where: { disabledAt: null, platformRole: { in: ["SUPPORT", "SUPERADMIN"] } },
    select: { email: true, locale: true, firstName: true, lastName: true },
    orderBy: { email: "asc" },
  });
  if (staff.length === 0) return [{ email: env().SUPPORT_EMAIL, locale: "en", name: "Support" }];
  return staff.map((user) => ({ email: user.email, locale: localeOf(user), name: displayName(user) }));
}
