import { z } from "zod";
import { DAY_MS } from "@/lib/time";
import { isCalendarDate } from "./calendar-day";

export { isCalendarDate };

/** A date filter's parameter; the message is the catalog key forms show ("date" under the feature's errors). */
export const calendarDateSchema = z.string().trim().refine(isCalendarDate, "date");

/** Midnight UTC starting that day, or `plusDays` later (a "to" date is inclusive: compare with the next day's start). */
export function dayStart(day: string, plusDays = 0): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + plusDays * DAY_MS);
}
