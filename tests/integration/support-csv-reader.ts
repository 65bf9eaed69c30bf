/** Used by the integration and browser tests of the support export; no dependencies on purpose. */

/** A strict RFC 4180 reader for checking exports (CRLF records, quoted fields, doubled quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"' && cell === "") quoted = true;
    else if (char === ",") {
      row.push(cell);
      cell = "";
    } else if (char === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i += 1;
    } else if (char === '"' || char === "\r" || char === "\n") {
      throw new Error(`Malformed CSV at offset ${i}: unquoted ${JSON.stringify(char)}`);
    } else cell += char;
  }
  if (quoted) throw new Error("Malformed CSV: unterminated quoted field");
  if (cell !== "" || row.length)
    throw new Error("Malformed CSV: last record does not end with CRLF");
  return rows;
}

/**
 * The cells a spreadsheet set to another separator shows (French Excel splits on ";"), read
 * leniently as spreadsheets do: every double quote opens or closes a quoted part (a doubled one
 * inside is a literal quote), and only a separator outside quotes splits. A cell shown starting
 * with = + - @ tab or CR would be run as a formula.
 */
export function spreadsheetCells(text: string, separator: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (char === '"') {
      if (quoted && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else quoted = !quoted;
    } else if (
      !quoted &&
      (char === separator || char === "\n" || (char === "\r" && text[i + 1] === "\n"))
    ) {
      cells.push(cell);
      cell = "";
      if (char === "\r") i += 1;
    } else cell += char;
  }
  if (cell !== "") cells.push(cell);
  return cells;
}
