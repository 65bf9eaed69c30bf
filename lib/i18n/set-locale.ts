import { cookies } from "next/headers";
import { z } from "zod";
import { getCurrentUser } from "@/lib/auth/current-user";
import { db } from "@/lib/db/client";
import { locales, localeCookie } from "./config";
import { DAY_SECONDS } from "@/lib/time";

const schema = z.object({ locale: z.enum(locales) });

/** Remembers the chosen language on this browser and, when signed in, on the user's profile. */
export async function setPreferredLocale(input: unknown): Promise<void> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) return; // an unknown language changes nothing
  const { locale } = parsed.data;
  (await cookies()).set(localeCookie, locale, {
    path: "/",
    sameSite: "lax",
    maxAge: 365 * DAY_SECONDS,
  });
  const user = await getCurrentUser();
  if (user && user.locale !== locale) {
    await db.user.update({ where: { id: user.id }, data: { locale } });
  }
}
