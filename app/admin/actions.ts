"use server";

import { revalidatePath } from "next/cache";
import { runAction, runAsSignedInUser } from "@/lib/actions/run-action";
import { approveRequest, denyRequest } from "@/lib/admin/approve-or-deny";
import { decideInBulk } from "@/lib/admin/bulk-decision";
import { changeMemberRole } from "@/lib/memberships/change-role";
import { extendMembership } from "@/lib/memberships/extend-membership";
import { removeMember } from "@/lib/memberships/remove-member";
import { virtualAccountTreeFor } from "@/lib/virtual-accounts/tree";

// Thin by design: the mutations parse, authorize against the database and decide. The layout is
// revalidated too, for the menu's pending badge.

/** When access ends, as the forms send it (lib/memberships/schema.ts: accessEndShape). */
type AccessEnd = { endsInDays?: number; endsOn?: string };

/** What an approval gives, as the forms send it (lib/admin/schema.ts: approvalSchema). */
type ApprovalScope = {
  role?: string;
  scope?: "account" | "virtualAccounts";
  virtualAccounts?: { id: string; role: string; includeSubAccounts: boolean }[];
};

export async function approveRequestAction(
  input: { requestId: string } & ApprovalScope & AccessEnd,
) {
  const result = await runAction(approveRequest, input);
  revalidatePath("/", "layout");
  return result;
}

export async function denyRequestAction(input: { requestId: string; reason: string }) {
  const result = await runAction(denyRequest, input);
  revalidatePath("/", "layout");
  return result;
}

export async function decideInBulkAction(
  input: {
    decision: "approve" | "deny";
    requestIds: string[];
    reason?: string;
  } & ApprovalScope &
    AccessEnd,
) {
  const result = await runAction(decideInBulk, input);
  revalidatePath("/", "layout");
  return result;
}

/**
 * An account's virtual accounts for the bulk bar's scope picker, once its selection is of one
 * account: null unless the signed-in user may decide that account's requests (or is support staff).
 */
export async function virtualAccountTreeAction(accountId: string) {
  return runAsSignedInUser("admin.virtualAccountTree", (user) =>
    virtualAccountTreeFor(user, String(accountId).slice(0, 100)),
  );
}

// The members page: the mutations find the account from the membership and check the actor's role
// in it themselves.

export async function changeMemberRoleAction(input: { membershipId: string; role: string }) {
  const result = await runAction(changeMemberRole, input);
  revalidatePath("/", "layout");
  return result;
}

export async function removeMemberAction(input: { membershipId: string; reason: string }) {
  const result = await runAction(removeMember, input);
  revalidatePath("/", "layout");
  return result;
}

export async function extendMembershipAction(
  input: { membershipId: string; permanent?: true } & AccessEnd,
) {
  const result = await runAction(extendMembership, input);
  revalidatePath("/", "layout");
  return result;
}
