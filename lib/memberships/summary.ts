import type { Prisma } from "@/lib/generated/prisma/client";
import { displayName } from "@/lib/people";

/** A membership as the use cases return it (to the forms today, to the API tomorrow). */
export const membershipSummarySelect = {
  id: true,
  userId: true,
  accountId: true,
  role: true,
  active: true,
  grantedAt: true,
  grantedByRequestId: true,
  endsAt: true,
  endedAt: true,
  endCause: true,
} as const satisfies Prisma.MembershipSelect;

export type MembershipSummary = Prisma.MembershipGetPayload<{
  select: typeof membershipSummarySelect;
}>;

/** The acting user's name, as the member's email gives it. */
export async function nameOf(tx: Prisma.TransactionClient, userId: string): Promise<string> {
  return displayName(
    await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { email: true, firstName: true, lastName: true },
    }),
  );
}

/** How an end date is written in audit events. */
export const isoOrNull = (date: Date | null) => date?.toISOString() ?? null;
