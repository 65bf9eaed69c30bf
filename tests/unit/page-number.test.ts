import { describe, expect, it } from "vitest";
import { MAX_PAGE_NUMBER, pageNumber } from "@/lib/pagination/page-number";

describe("pageNumber", () => {
  it("keeps a whole page number within range", () => {
    expect(pageNumber("1")).toBe(1);
    expect(pageNumber("7")).toBe(7);
    expect(pageNumber(String(MAX_PAGE_NUMBER))).toBe(MAX_PAGE_NUMBER);
    expect(pageNumber(3)).toBe(3);
  });

  it.each([
    ["a huge number", "9999999999999999999999"],
    ["one past the range", String(MAX_PAGE_NUMBER + 1)],
    ["zero", "0"],
    ["a negative number", "-2"],
    ["a fraction", "1.5"],
    ["an exponent", "1e3"],
    ["hexadecimal", "0x10"],
    ["spaces", " 2 "],
    ["a NUL byte", "2\u0000"],
    ["text", "two"],
    ["empty", ""],
    ["a repeated parameter", ["1", "2"]],
    ["missing", undefined],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["NaN", Number.NaN],
  ])("answers page 1 for %s", (_label, raw) => {
    expect(pageNumber(raw)).toBe(1);
  });
});
