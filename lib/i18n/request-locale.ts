import { cookies, headers } from "next/headers";
import {
  defaultLocale,
  isLocale,
  localeCookie,
  localeFromAcceptLanguage,
  type AppLocale,
} from "./config";

/** The language of the current request before anyone is signed in: switcher cookie, then browser. */
export async function requestLocale(): Promise<AppLocale> {
  try {
    const cookie = (await cookies()).get(localeCookie)?.value;
    if (isLocale(cookie)) return cookie;
    return localeFromAcceptLanguage((await headers()).get("accept-language")) ?? defaultLocale;
  } catch {
    return defaultLocale; // outside a request (scripts, worker)
  }
}
