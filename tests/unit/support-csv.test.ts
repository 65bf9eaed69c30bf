import { describe, expect, it } from "vitest";
import { csvCell, csvRow } from "@/lib/support/csv";

describe("CSV cells (RFC 4180)", () => {
  it("leaves plain text as it is and writes empty cells for missing values", () => {
    expect(csvCell("Acme Corporation")).toBe("Acme Corporation");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
    expect(csvCell("")).toBe("");
    expect(csvCell(42)).toBe("42");
  });

  it("quotes commas, double quotes, CR and LF, doubling the quotes inside", () => {
    expect(csvCell("a,b")).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell("line one\nline two")).toBe('"line one\nline two"');
    expect(csvCell("line one\r\nline two")).toBe('"line one\r\nline two"');
    expect(csvCell('"')).toBe('""""');
  });

  it("writes dates as ISO 8601 in UTC", () => {
    expect(csvCell(new Date("2026-03-01T10:20:30.456Z"))).toBe("2026-03-01T10:20:30.456Z");
  });

  it("neutralises cells a spreadsheet would run as a formula", () => {
    expect(csvCell("=HYPERLINK(\"http://evil.example\",\"x\")")).toBe('"\'=HYPERLINK(""http://evil.example"",""x"")"');
    expect(csvCell("+1+2")).toBe("'+1+2");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1:A2)")).toBe("'@SUM(A1:A2)");
    expect(csvCell("\t=1+1")).toBe("'\t=1+1");
    expect(csvCell("\r=1+1")).toBe("\"'\r=1+1\"");
    // Only the first character matters.
    expect(csvCell("a=b")).toBe("a=b");
    expect(csvCell("dana@example.com")).toBe("dana@example.com");
  });

  it("ends every record with CRLF", () => {
    expect(csvRow(["id", "a,b", null, new Date("2026-01-01T00:00:00Z")])).toBe('id,"a,b",,2026-01-01T00:00:00.000Z\r\n');
  });
});
