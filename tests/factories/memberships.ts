import type { MembershipRole } from "@/lib/generated/prisma/enums";
import { appDatabase, type FactoryClient } from "./client";

/** A membership of the user in the account: active, with no end, unless told otherwise. */
export async function createMembership(
  userId: string,
  accountId: string,
  role: MembershipRole = "USER",
  data: { endsAt?: Date | null; active?: boolean } = {},
  client: FactoryClient = appDatabase,
) {
  return client.membership.create({
    data: { userId, accountId, role, active: data.active ?? true, endsAt: data.endsAt ?? null },
    select: { id: true, userId: true, accountId: true, role: true },
  });
}
