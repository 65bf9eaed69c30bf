import type { TimeRange } from "@/lib/db/sql/insights";
import { DAY_MS } from "@/lib/time";
import type { WeekStart } from "./types";

export const WEEK_MS = 7 * DAY_MS;

/** The Monday (UTC, 00:00) of the week `date` is in: the week PostgreSQL's date_trunc('week') gives. */
export function weekStartOf(date: Date): Date {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
}

/** A week's name: its Monday as YYYY-MM-DD. */
export const weekName = (monday: Date): WeekStart => monday.toISOString().slice(0, 10);

/** The Monday a week's name names. */
export const mondayOf = (week: WeekStart): Date => new Date(`${week}T00:00:00.000Z`);

/** The first Monday at or after `date`: where the range's first whole week starts. */
export function firstWholeWeek(date: Date): Date {
  const monday = weekStartOf(date);
  return monday.getTime() === date.getTime() ? monday : new Date(monday.getTime() + WEEK_MS);
}

/** The weeks a range touches, oldest first. */
export function weeksOf(range: TimeRange): WeekStart[] {
  const weeks: WeekStart[] = [];
  for (let monday = weekStartOf(range.from); monday < range.to;) {
    weeks.push(weekName(monday));
    monday = new Date(monday.getTime() + WEEK_MS);
  }
  return weeks;
}
