/**
 * CSV as RFC 4180 writes it: CRLF line ends; a field holding a comma, a double quote, CR or LF is
 * wrapped in double quotes, with its own double quotes doubled. Written here rather than taken from
 * a library because this is all the export needs, and the formula guard below must apply anyway.
 */

// A spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection"): such a
// cell is prefixed with an apostrophe, which spreadsheets show as text and do not evaluate.
const FORMULA_START = /^[=+\-@\t\r]/;

export type CsvValue = string | number | Date | null | undefined;

export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return "";
  let text = value instanceof Date ? value.toISOString() : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function csvRow(cells: readonly CsvValue[]): string {
  return `${cells.map(csvCell).join(",")}\r\n`;
}

/** Lets spreadsheet programs read the file as UTF-8 (accents in names and reasons). */
export const UTF8_BOM = "\uFEFF";
