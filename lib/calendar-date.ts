import { DAY_MS } from "@/lib/time";

/*
 * Calendar dates written YYYY-MM-DD, as date filters and end dates take them. Plain code, without
 * zod, so that the browser's forms can check a date too; their zod schema is in
 * calendar-date-schema.ts.
 */

/** A real day of the calendar (2026-02-30 is not one). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const midnight = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(midnight.getTime()) && midnight.toISOString().startsWith(value);
}

/** Midnight UTC starting that day, or `plusDays` later (a "to" date is inclusive: compare with the next day's start). */
export function dayStart(day: string, plusDays = 0): Date {
  return new Date(Date.parse(`${day}T00:00:00Z`) + plusDays * DAY_MS);
}
