import type { MembershipRole, MembershipScope } from "@/lib/generated/prisma/enums";
import { appDatabase, type FactoryClient } from "./client";

/**
 * A membership of the user in the account: active, with no end, of the whole account (scope
 * ACCOUNT), unless told otherwise.
 */
export async function createMembership(
  userId: string,
  accountId: string,
  role: MembershipRole = "USER",
  data: { endsAt?: Date | null; active?: boolean; scope?: MembershipScope } = {},
  client: FactoryClient = appDatabase,
) {
  return client.membership.create({
    data: {
      userId,
      accountId,
      role,
      scope: data.scope ?? "ACCOUNT",
      active: data.active ?? true,
      endsAt: data.endsAt ?? null,
    },
    select: { id: true, userId: true, accountId: true, role: true, scope: true },
  });
}
