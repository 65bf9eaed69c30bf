import { describe, expect, it } from "vitest";
import { isStorableText, pathOfUnstorableText } from "@/lib/forms/storable-text";

describe("text PostgreSQL can store", () => {
  it("refuses a NUL and a lone surrogate, accepts any other text", () => {
    expect(isStorableText("a\u0000b")).toBe(false);
    expect(isStorableText("x\udfffy")).toBe(false);
    expect(isStorableText("\ud800")).toBe(false);
    for (const text of ["", "Éléonore", "😀", "\u202eevil", "tab\there", "日本語"])
      expect(isStorableText(text)).toBe(true);
  });

  it("names the field that holds it, nested or in a key", () => {
    expect(pathOfUnstorableText({ requestId: "r1", reason: "bad\u0000" })).toBe("reason");
    expect(pathOfUnstorableText({ requestIds: ["a", "b", "\ud800"] })).toBe("requestIds.2");
    expect(pathOfUnstorableText({ ["k\u0000"]: 1 })).toBe("k\u0000");
    expect(pathOfUnstorableText("\u0000")).toBe("_form");
    expect(pathOfUnstorableText({ reason: "fine", count: 3, nested: { ok: true } })).toBeNull();
    const cyclic: Record<string, unknown> = { name: "loop" };
    cyclic.self = cyclic;
    expect(pathOfUnstorableText(cyclic)).toBeNull();
  });
});
