import { describe, expect, it } from "vitest";
import { csvStream, type CsvValue } from "@/lib/support/csv";
import { parseCsv, spreadsheetCells } from "../integration/support-csv-reader";

const FORMULA_START = /^[=+\-@\t\r]/;

/** The file `csvStream` writes for one column of these values under the header "value", BOM kept. */
async function csvOf(values: CsvValue[], header = "value"): Promise<string> {
  const stream = csvStream([{ key: "value", header }], [values.map((value) => ({ value }))]);
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(
    await new Response(stream).arrayBuffer(),
  );
}

/** The one cell each value becomes, as written (without the header record). */
async function cellsOf(...values: CsvValue[]): Promise<string[]> {
  const text = await csvOf(values);
  return text.slice(1).split("\r\n").slice(1, -1);
}

describe("the support export's CSV (RFC 4180, every cell quoted)", () => {
  it("starts with a byte-order mark and a header record, and ends every record with CRLF", async () => {
    const text = await csvOf(["Acme Corporation"], "Account name");
    expect(text).toBe('\uFEFF"Account name"\r\n"Acme Corporation"\r\n');
  });

  it("quotes every cell, plain text and empty ones too", async () => {
    expect(await cellsOf("Acme Corporation", null, undefined, "")).toEqual([
      '"Acme Corporation"',
      '""',
      '""',
      '""',
    ]);
  });

  it("keeps commas, CR and LF inside the quotes and doubles the quotes", async () => {
    expect(await cellsOf("a,b", 'say "hi"', '"')).toEqual(['"a,b"', '"say ""hi"""', '""""']);
    const text = await csvOf(["line one\nline two", "line one\r\nline two"]);
    expect(parseCsv(text.slice(1)).slice(1)).toEqual([
      ["line one\nline two"],
      ["line one\r\nline two"],
    ]);
  });

  it("writes dates as ISO 8601 in UTC", async () => {
    expect(await cellsOf(new Date("2026-03-01T10:20:30.456Z"))).toEqual([
      '"2026-03-01T10:20:30.456Z"',
    ]);
  });

  it("neutralises cells a spreadsheet would run as a formula, the header included", async () => {
    expect(
      await cellsOf(
        '=HYPERLINK("http://evil.example","x")',
        "+1+2",
        "-2+3",
        "@SUM(A1:A2)",
        "\t=1+1",
      ),
    ).toEqual([
      '"\'=HYPERLINK(""http://evil.example"",""x"")"',
      '"\'+1+2"',
      '"\'-2+3"',
      '"\'@SUM(A1:A2)"',
      '"\'\t=1+1"',
    ]);
    expect(parseCsv((await csvOf(["\r=1+1"])).slice(1))[1]).toEqual(["'\r=1+1"]);
    expect((await csvOf([], "=cmd")).slice(1)).toBe('"\'=cmd"\r\n');
    // Only the first character matters.
    expect(await cellsOf("a=b", "dana@example.com")).toEqual(['"a=b"', '"dana@example.com"']);
  });

  it("a spreadsheet splitting on semicolons (French Excel) is never handed a formula", async () => {
    const hostile = ["Acme;=1+1", "=1+1", "x;+SUM(1,2)", 'q";-2+3', "a\r\n@evil", "tab;\t=1"];
    const text = (await csvOf(hostile, "Reason;=header")).slice(1);
    for (const separator of [";", ",", "\t"]) {
      expect(
        spreadsheetCells(text, separator).filter((cell) => FORMULA_START.test(cell)),
        `split on ${JSON.stringify(separator)}`,
      ).toEqual([]);
    }
    // And the file still reads back exactly, with the guard's apostrophe where it was needed.
    expect(parseCsv(text).slice(1).flat()).toEqual([
      "Acme;=1+1",
      "'=1+1",
      "x;+SUM(1,2)",
      'q";-2+3',
      "a\r\n@evil",
      "tab;\t=1",
    ]);
  });
});
