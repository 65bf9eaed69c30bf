import { describe, expect, it } from "vitest";
import { safeCallbackPath } from "@/lib/auth/callback";

describe("safeCallbackPath", () => {
  it("keeps paths on this site", () => {
    expect(safeCallbackPath("/requests?page=2")).toBe("/requests?page=2");
    expect(safeCallbackPath("/admin/requests/abc#history")).toBe("/admin/requests/abc#history");
  });

  it("never sends people to another site", () => {
    expect(safeCallbackPath("https://evil.example/phish")).toBe("/");
    expect(safeCallbackPath("//evil.example/phish")).toBe("/");
    expect(safeCallbackPath(undefined)).toBe("/");
  });
});
