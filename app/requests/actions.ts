"use server";

import { revalidatePath } from "next/cache";
import { runAction, runAsSignedInUser } from "@/lib/actions/run-action";
import { accountHasActiveAdmin, readRequestReceipt } from "@/lib/requests/receipt";
import { openSupportCase } from "@/lib/requests/open-support-case";
import { sendReminder } from "@/lib/requests/send-reminder";
import { submitRequest } from "@/lib/requests/submit-request";
import { withdrawRequest } from "@/lib/requests/withdraw-request";

export async function submitRequestAction(input: {
  accountId: string;
  domain: string;
  reason: string;
}) {
  // No revalidatePath: both request pages are dynamic (rendered for every visit), so nothing
  // cached can show the list without the new request; revalidating would re-render this page into
  // the action's answer for nothing (43 kB of RSC per submit; docs/benchmarks-history.md).
  return runAction(submitRequest, input);
}

export async function sendReminderAction(requestId: string) {
  const result = await runAction(sendReminder, { requestId });
  revalidatePath("/requests");
  return result;
}

export async function withdrawRequestAction(requestId: string) {
  const result = await runAction(withdrawRequest, { requestId });
  revalidatePath("/requests");
  return result;
}

export async function openSupportCaseAction(requestId: string, message: string) {
  const result = await runAction(openSupportCase, { requestId, message });
  if (result.ok) revalidatePath("/requests");
  return result;
}

export async function requestReceiptAction(requestId: string) {
  return runAsSignedInUser("request.receipt", (user) => readRequestReceipt(user.id, requestId));
}

export async function accountHasActiveAdminAction(accountId: string) {
  return runAsSignedInUser("request.accountHasActiveAdmin", () => accountHasActiveAdmin(accountId));
}
