import { CsvError, parse } from "csv-parse/sync";
import { parseSignInAddress } from "@/lib/auth/rules";
import { IMPORT_LIMITS } from "./limits";

/*
 * Reading the people an administrator adds (issue 28): a text area of addresses, or a CSV file
 * with a role, a scope and an end date per person. Pure code, no I/O: what the lines mean for the
 * account (a member already, a pending request, an unknown virtual account …) is the preview's
 * (./preview.ts). A problem with the file as a whole refuses it, naming the line and the column; a
 * problem with one person's line is that line's outcome in the preview, never the file's.
 */

export { IMPORT_LIMITS };

/** The CSV columns, as the template writes them; `email` and `role` are required. */
export const CSV_COLUMNS = [
  "email",
  "role",
  "virtual_accounts",
  "include_sub_accounts",
  "access_ends",
] as const;
type CsvColumn = (typeof CSV_COLUMNS)[number];
const REQUIRED_COLUMNS: readonly CsvColumn[] = ["email", "role"];

/** One person's line as written (trimmed): what it asks for is judged by the preview. */
export interface ImportRow {
  /** The CSV line (the header is line 1), or the address's position in the text area. */
  line: number;
  /** The address as written. */
  address: string;
  /** The address as sign-in stores it (trimmed, lower case, NFKC), or null when it is not one. */
  email: string | null;
  /** The role as written: ADMIN, USER, VIEWER (any case, or "administrator"). */
  role: string;
  /** Virtual accounts as written (a name, a path "EMEA/France", or an id); none: the entire account. */
  virtualAccounts: string[];
  /** "true"/"yes"/"1" or "false"/"no"/"0"/"" as written. */
  includeSubAccounts: string;
  /** YYYY-MM-DD, or "" for no end. */
  accessEnds: string;
}

export interface ParsedImport {
  rows: ImportRow[];
  /** Addresses written more than once: the first line counts, the others are listed here. */
  duplicates: { email: string; line: number; firstLine: number }[];
}

/** Why a whole file (or text) is refused; line and column are 1-based. */
export type ImportFileProblem =
  | { code: "tooLarge" }
  | { code: "tooMany" }
  | { code: "empty" }
  | { code: "encoding"; line: number; column: number }
  | { code: "malformed"; line: number; column: number }
  | { code: "missingHeader"; line: 1; column: 1 }
  | { code: "missingColumn"; line: 1; name: string }
  | { code: "duplicateColumn"; line: 1; column: number; name: string }
  | { code: "unknownColumn"; line: 1; column: number; name: string }
  | { code: "formula"; line: number; column: number };

export type ParseOutcome =
  { ok: true; value: ParsedImport } | { ok: false; problem: ImportFileProblem };

const refuse = (problem: ImportFileProblem): ParseOutcome => ({ ok: false, problem });

/** The address as sign-in stores it (lib/auth/options.ts normalises with NFKC first), or null. */
export function normaliseAddress(address: string): string | null {
  return parseSignInAddress(address.normalize("NFKC"));
}

/**
 * The offset of the first byte that is not valid UTF-8 (overlong forms, surrogates and code points
 * above U+10FFFF count as invalid, as TextDecoder's fatal mode has it), or -1.
 */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let length: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [length, min] = [2, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [length, min] = [3, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [length, min] = [4, 0x10000];
    else return i;
    if (i + length > bytes.length) return i;
    let codePoint = b & (0xff >> (length + 1));
    for (let k = 1; k < length; k += 1) {
      const next = bytes[i + k]!;
      if ((next & 0xc0) !== 0x80) return i;
      codePoint = (codePoint << 6) | (next & 0x3f);
    }
    if (codePoint < min || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff))
      return i;
    i += length;
  }
  return -1;
}

/** The 1-based line and column (in characters) of a byte offset of valid UTF-8 before it. */
function positionOf(bytes: Uint8Array, offset: number): { line: number; column: number } {
  let lineStart = 0;
  let line = 1;
  for (let i = 0; i < offset; i += 1)
    if (bytes[i] === 0x0a) {
      line += 1;
      lineStart = i + 1;
    }
  const before = new TextDecoder().decode(bytes.subarray(lineStart, offset));
  return { line, column: [...before].length + 1 };
}

/** The file as text, refusing one over the limit or not in UTF-8 (a byte-order mark is dropped). */
export function decodeImportFile(
  bytes: Uint8Array,
): { ok: true; text: string } | { ok: false; problem: ImportFileProblem } {
  if (bytes.length > IMPORT_LIMITS.bytes) return { ok: false, problem: { code: "tooLarge" } };
  const invalid = firstInvalidUtf8(bytes);
  if (invalid !== -1)
    return { ok: false, problem: { code: "encoding", ...positionOf(bytes, invalid) } };
  const text = new TextDecoder("utf-8", { ignoreBOM: false }).decode(bytes);
  return { ok: true, text };
}

const FORMULA_START = /^[=+\-@]/;

/** Spreadsheets run a cell starting with these as a formula (OWASP "CSV injection"). */
export function looksLikeFormula(cell: string): boolean {
  return FORMULA_START.test(cell.trim());
}

/** Keeps the first line of each address; the others are reported. Lines that are not addresses are all kept. */
function withoutDuplicates(rows: ImportRow[]): ParsedImport {
  const first = new Map<string, number>();
  const kept: ImportRow[] = [];
  const duplicates: ParsedImport["duplicates"] = [];
  for (const row of rows) {
    const seen = row.email === null ? undefined : first.get(row.email);
    if (seen !== undefined) {
      duplicates.push({ email: row.email!, line: row.line, firstLine: seen });
      continue;
    }
    if (row.email !== null) first.set(row.email, row.line);
    kept.push(row);
  }
  return { rows: kept, duplicates };
}

/** What the text area's people all get: the dialog's role, scope and end date. */
export interface ImportDefaults {
  role: string;
  virtualAccounts?: string[];
  includeSubAccounts?: boolean;
  accessEnds?: string;
}

/**
 * The text area: addresses separated by commas, semicolons, spaces or lines; an address pasted
 * from a mail client as `<jane@example.com>` is unwrapped. Every address gets the defaults.
 */
export function parseAddressList(text: string, defaults: ImportDefaults): ParseOutcome {
  if (new TextEncoder().encode(text).length > IMPORT_LIMITS.bytes)
    return refuse({ code: "tooLarge" });
  const entries = text
    .replace(/^\ufeff/, "")
    .split(/[\s,;]+/u)
    .map((entry) => entry.replace(/^<(.*)>$/su, "$1").trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) return refuse({ code: "empty" });
  if (entries.length > IMPORT_LIMITS.people) return refuse({ code: "tooMany" });
  return {
    ok: true,
    value: withoutDuplicates(
      entries.map((address, index) => ({
        line: index + 1,
        address,
        email: normaliseAddress(address),
        role: defaults.role,
        virtualAccounts: defaults.virtualAccounts ?? [],
        includeSubAccounts: defaults.includeSubAccounts ? "true" : "",
        accessEnds: defaults.accessEnds ?? "",
      })),
    ),
  };
}

/**
 * The column separator a file uses: a comma, or a semicolon when its header has semicolons and no
 * comma (what a spreadsheet in French, German … writes as "CSV").
 */
function delimiterOf(text: string): "," | ";" {
  const header = text.slice(0, text.search(/\r?\n|$/));
  return !header.includes(",") && header.includes(";") ? ";" : ",";
}

type CsvRecord = { record: string[]; info: { lines: number } };

/** The CSV file's records, or where it stops being CSV. */
function csvRecords(text: string): CsvRecord[] | ImportFileProblem {
  try {
    return parse(text, {
      bom: true,
      delimiter: delimiterOf(text.replace(/^\ufeff/, "")),
      info: true,
      skip_empty_lines: true,
      trim: true,
      // A line may leave out its last, optional cells; one with more cells than the header is
      // refused below, naming the first cell too many.
      relax_column_count: true,
      // One record past the limit is enough to refuse the file: the rest is not read.
      to: IMPORT_LIMITS.people + 2,
    }) as unknown as CsvRecord[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === "number" ? error.lines : 1;
    const index = typeof error.index === "number" ? error.index : 0;
    return { code: "malformed", line, column: index + 1 };
  }
}

/** The header's columns by name, or why it is not a header we read. */
function columnsOf(header: string[]): Map<CsvColumn, number> | ImportFileProblem {
  const names = header.map((cell) => {
    const name = cell
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, "_");
    return name === "e_mail" ? "email" : name;
  });
  const columns = new Map<CsvColumn, number>();
  if (names.some((name) => normaliseAddress(name) !== null))
    return { code: "missingHeader", line: 1, column: 1 };
  for (const [index, name] of names.entries()) {
    if (name === "") continue;
    if (!(CSV_COLUMNS as readonly string[]).includes(name))
      return { code: "unknownColumn", line: 1, column: index + 1, name: header[index]! };
    if (columns.has(name as CsvColumn))
      return { code: "duplicateColumn", line: 1, column: index + 1, name: header[index]! };
    columns.set(name as CsvColumn, index);
  }
  if (!columns.has("email") && !columns.has("role"))
    return { code: "missingHeader", line: 1, column: 1 };
  const missing = REQUIRED_COLUMNS.find((name) => !columns.has(name));
  return missing ? { code: "missingColumn", line: 1, name: missing } : columns;
}

/** The CSV file's text (decodeImportFile), one person per line after the header. */
export function parseImportCsv(text: string): ParseOutcome {
  if (new TextEncoder().encode(text).length > IMPORT_LIMITS.bytes)
    return refuse({ code: "tooLarge" });
  const records = csvRecords(text);
  if (!Array.isArray(records)) return refuse(records);
  const [header, ...lines] = records;
  if (!header) return refuse({ code: "empty" });
  for (const { record, info } of records)
    for (const [index, cell] of record.entries())
      if (looksLikeFormula(cell))
        return refuse({ code: "formula", line: info.lines, column: index + 1 });
  const columns = columnsOf(header.record);
  if (!(columns instanceof Map)) return refuse(columns);
  for (const { record, info } of lines)
    if (record.length > header.record.length)
      return refuse({ code: "malformed", line: info.lines, column: header.record.length + 1 });
  if (lines.length === 0) return refuse({ code: "empty" });
  if (lines.length > IMPORT_LIMITS.people) return refuse({ code: "tooMany" });
  const cell = (record: string[], name: CsvColumn) => {
    const index = columns.get(name);
    return index === undefined ? "" : (record[index] ?? "").trim();
  };
  const rows = lines.map(({ record, info }) => {
    const address = cell(record, "email");
    return {
      line: info.lines,
      address,
      email: normaliseAddress(address),
      role: cell(record, "role"),
      virtualAccounts: cell(record, "virtual_accounts")
        .split(";")
        .map((name) => name.trim())
        .filter(Boolean),
      includeSubAccounts: cell(record, "include_sub_accounts"),
      accessEnds: cell(record, "access_ends"),
    };
  });
  return { ok: true, value: withoutDuplicates(rows) };
}

/** A file's bytes, decoded then read (the door for an uploaded file). */
export function parseImportFile(bytes: Uint8Array): ParseOutcome {
  const decoded = decodeImportFile(bytes);
  return decoded.ok ? parseImportCsv(decoded.text) : refuse(decoded.problem);
}

/** The template to download: the header and two example lines. */
export const IMPORT_TEMPLATE_CSV =
  "email,role,virtual_accounts,include_sub_accounts,access_ends\r\n" +
  "jane.doe@example.com,USER,,,\r\n" +
  "sam.lee@example.com,VIEWER,EMEA/France;Americas,true,2027-06-30\r\n";
