"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions/run-action";
import { createApiToken } from "@/lib/api/create-token";
import { revokeApiToken } from "@/lib/api/revoke-token";

// Thin by design: the mutations parse, authorize against the database and change state.

export async function createTokenAction(input: {
  name: string;
  scopes: string[];
  lifetimeDays: number;
  accountIds: string[];
}) {
  const result = await runAction(createApiToken, input);
  revalidatePath("/admin/tokens");
  return result;
}

export async function revokeTokenAction(tokenId: string) {
  const result = await runAction(revokeApiToken, { tokenId });
  revalidatePath("/admin/tokens");
  return result;
}
