import { env } from "@/lib/env";

/** A portal path as an absolute URL on the public base URL (links in emails). */
export function absoluteUrl(path: string): string {
  return new URL(path, env().NEXTAUTH_URL).toString();
}
