"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions/run-action";
import { changeMemberAccess } from "@/lib/memberships/change-access";
import { changeMemberGrant } from "@/lib/memberships/change-grant";
import { grantVirtualAccount } from "@/lib/memberships/grant-virtual-account";
import { removeMemberGrant } from "@/lib/memberships/remove-grant";

// The members page's scopes and virtual-account roles (issue 27). Thin by design: the mutations
// parse, find the account from the membership (or take it from the input) and check the actor's
// authority there themselves, from the database.

/** A role on one virtual account, as the forms send it. */
type GrantInput = { virtualAccountId: string; role: string; includeSubAccounts: boolean };

export async function changeMemberAccessAction(input: {
  membershipId: string;
  access: { scope: string; role?: string; grants?: GrantInput[] };
}) {
  const result = await runAction(changeMemberAccess, input);
  revalidatePath("/", "layout");
  return result;
}

export async function grantVirtualAccountAction(
  input: { accountId: string; email: string } & GrantInput,
) {
  const result = await runAction(grantVirtualAccount, input);
  revalidatePath("/", "layout");
  return result;
}

export async function changeMemberGrantAction(input: { membershipId: string } & GrantInput) {
  const result = await runAction(changeMemberGrant, input);
  revalidatePath("/", "layout");
  return result;
}

export async function removeMemberGrantAction(input: {
  membershipId: string;
  virtualAccountId: string;
  reason: string;
}) {
  const result = await runAction(removeMemberGrant, input);
  revalidatePath("/", "layout");
  return result;
}
