"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions/run-action";
import { updateProfile } from "@/lib/profile/update-profile";

export async function updateProfileAction(input: Record<string, string>) {
  const result = await runAction(updateProfile, input);
  if (result.ok) revalidatePath("/", "layout");
  return result;
}
