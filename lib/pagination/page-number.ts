/** The highest page number a numbered list accepts; 100,000 pages of 20 are two million rows. */
export const MAX_PAGE_NUMBER = 100_000;

/**
 * A numbered list's page from the query string: a whole number from 1 to MAX_PAGE_NUMBER, else
 * page 1. `?page=9999999999999999999999` would otherwise reach the database as an OFFSET it
 * refuses, and a repeated `?page=1&page=2` arrives as an array.
 */
export function pageNumber(raw: unknown): number {
  const value =
    typeof raw === "number"
      ? raw
      : typeof raw === "string" && /^\d{1,9}$/.test(raw)
        ? Number(raw)
        : Number.NaN;
  return Number.isInteger(value) && value >= 1 && value <= MAX_PAGE_NUMBER ? value : 1;
}
