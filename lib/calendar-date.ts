import { z } from "zod";
import { DAY_MS } from "@/lib/time";

/** A real day of the calendar written YYYY-MM-DD (2026-02-30 is not one), as date filters take it. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const midnight = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(midnight.getTime()) && midnight.toISOString().startsWith(value);
}

/** A date filter's parameter; the message is the catalog key forms show ("date" under the feature's errors). */
export const calendarDateSchema = z.string().trim().refine(isCalendarDate, "date");

/** Midnight UTC starting that day, or `plusDays` later (a "to" date is inclusive: compare with the next day's start). */
export function dayStart(day: string, plusDays = 0): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + plusDays * DAY_MS);
}
