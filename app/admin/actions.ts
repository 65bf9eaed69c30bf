"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions/run-action";
import { approveRequest, denyRequest } from "@/lib/admin/decide-request";
import { decideRequests } from "@/lib/admin/decide-requests";

// Thin by design: the mutations parse, authorize against the database and decide. The layout is
// revalidated too, for the menu's pending badge.

export async function approveRequestAction(input: { requestId: string; role: string }) {
  const result = await runAction(approveRequest, input);
  revalidatePath("/", "layout");
  return result;
}

export async function denyRequestAction(input: { requestId: string; reason: string }) {
  const result = await runAction(denyRequest, input);
  revalidatePath("/", "layout");
  return result;
}

export async function decideRequestsAction(input: { decision: "approve" | "deny"; requestIds: string[]; role?: string; reason?: string }) {
  const result = await runAction(decideRequests, input);
  revalidatePath("/", "layout");
  return result;
}
