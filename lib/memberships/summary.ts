import type { Prisma } from "@/lib/generated/prisma/client";
import type { MembershipEnd } from "@/lib/generated/prisma/enums";
import { displayName } from "@/lib/people";
import { isMembershipInForce } from "./active-admin";

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

/**
 * A membership as it stands at `now`, for a page or the API to show: one whose end date passed has
 * ended (EXPIRED, on that date), as the membership sweep will record it, even before the sweep runs.
 */
export function membershipAsOf<
  Row extends {
    active: boolean;
    endsAt: Date | null;
    endedAt: Date | null;
    endCause: MembershipEnd | null;
  },
>(membership: Row, now: Date = new Date()): Row {
  if (!membership.active || isMembershipInForce(membership, now)) return membership;
  return { ...membership, active: false, endedAt: membership.endsAt, endCause: "EXPIRED" };
}
