"use server";

import { revalidatePath } from "next/cache";
import { setPreferredLocale } from "@/lib/i18n/set-locale";

export async function setLocaleAction(formData: FormData): Promise<void> {
  await setPreferredLocale({ locale: formData.get("locale") });
  revalidatePath("/", "layout");
}
