import type { createFormatter } from "next-intl";

type Formatter = Pick<ReturnType<typeof createFormatter>, "relativeTime">;

/**
 * When a refused request may be tried again, in the reader's language: "in 15 minutes",
 * "dans 15 minutes", "in 30 seconds". For the {when} of the catalogs' rate-limit messages.
 */
export function retryWhen(format: Formatter, seconds: number, now: number = Date.now()): string {
  return format.relativeTime(now + Math.max(1, Math.ceil(seconds)) * 1000, now);
}
