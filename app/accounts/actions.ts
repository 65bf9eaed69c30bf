"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions/run-action";
import { leaveAccount } from "@/lib/memberships/leave-account";
import { openAccountSupportCase } from "@/lib/memberships/open-account-support-case";

export async function leaveAccountAction(accountId: string) {
  const result = await runAction(leaveAccount, { accountId });
  // The menu (administered accounts, pending badge) may change with it.
  revalidatePath("/", "layout");
  return result;
}

export async function openAccountSupportCaseAction(accountId: string, message: string) {
  return runAction(openAccountSupportCase, { accountId, message });
}
