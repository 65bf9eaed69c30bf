/**
 * A real day of the calendar written YYYY-MM-DD (2026-02-30 is not one), as date filters and end
 * dates take it. Plain code, without zod, so that the browser's forms can check a date too.
 */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const midnight = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(midnight.getTime()) && midnight.toISOString().startsWith(value);
}
