import { getRequestConfig } from "next-intl/server";
import { getCurrentUser } from "@/lib/auth/current-user";
import type { AppLocale } from "./config";
import { catalogs } from "./messages";
import { requestLocale } from "./request-locale";

/** The signed-in user's preference, then the switcher's cookie, then the browser. */
async function resolveLocale(): Promise<AppLocale> {
  const user = await getCurrentUser().catch(() => null);
  return user?.locale ?? (await requestLocale());
}

export default getRequestConfig(async () => {
  const locale = await resolveLocale();
  return { locale, messages: catalogs[locale], timeZone: "UTC" };
});
