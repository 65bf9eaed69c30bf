import { describe, expect, it } from "vitest";
import { safeRedirectTarget } from "@/lib/http/redirects";

const origin = "http://localhost:3000";

// Each would send a signed-in user to another site (or a script) if followed as given.
const hostile: [string, string][] = [
  ["dot segments before a double slash", "/..//evil.example"],
  ["encoded dot segments", "/%2e%2e//evil.example"],
  ["upper-case encoded dot segments", "/%2E%2E//evil.example"],
  ["doubly encoded dot segments", "/%252e%252e//evil.example"],
  ["a single dot segment", "/.//evil.example"],
  ["dot segments deeper in the path", "/requests/../..//evil.example"],
  ["protocol-relative", "//evil.example"],
  ["protocol-relative with a path", "//evil.example/phish"],
  ["slash backslash", "/\\evil.example"],
  ["backslash slash", "\\/evil.example"],
  ["two backslashes", "\\\\evil.example"],
  ["encoded backslash", "/%5Cevil.example"],
  ["encoded slash", "/%2Fevil.example"],
  ["doubly encoded slash", "/%252Fevil.example"],
  ["a tab inside", "/\t/evil.example"],
  ["a newline inside", "/\n/evil.example"],
  ["a carriage return and newline", "/requests\r\nLocation: https://evil.example"],
  ["an encoded tab", "/%09/evil.example"],
  ["an encoded newline", "/%0a/evil.example"],
  ["a NUL", "/requests\u0000//evil.example"],
  ["an encoded NUL", "/%00//evil.example"],
  ["another site", "https://evil.example/phish"],
  ["a scheme without slashes", "https:evil.example"],
  ["http without slashes", "http:evil.example"],
  ["javascript", "javascript:alert(1)"],
  ["javascript in capitals", "JaVaScRiPt:alert(document.cookie)"],
  ["data", "data:text/html,<script>alert(1)</script>"],
  ["vbscript", "vbscript:msgbox(1)"],
  ["userinfo in front of another host", "https://portal@evil.example"],
  ["our origin as userinfo", "http://localhost:3000@evil.example"],
  ["userinfo on our own origin", "http://user:pass@localhost:3000/requests"],
  ["our host as a prefix of another", "http://localhost:3000.evil.example"],
  ["another port", "http://localhost:3001/requests"],
  ["another scheme for our host", "https://localhost:3000/requests"],
  ["a relative path", "requests"],
  ["a scanner's probe", ";env;"],
  ["an invalid percent-encoding", "/%zz"],
  ["a truncated percent-encoding", "/requests%E0%A4%A"],
  ["a lone percent sign", "/100%"],
  ["a very long value", `/${"a".repeat(5000)}`],
  ["many layers of encoding", "/%25252525252F%25252525252Fevil.example"],
  ["whitespace in front", " //evil.example"],
  ["an empty string", ""],
];

describe("safeRedirectTarget", () => {
  it.each(hostile)("refuses %s", (_name, input) => {
    expect(safeRedirectTarget(input, origin)).toBe("/");
  });

  it("has a long table of hostile targets", () => {
    expect(hostile.length).toBeGreaterThanOrEqual(30);
  });

  it.each([
    ["/", "/"],
    ["/requests", "/requests"],
    ["/requests?page=2", "/requests?page=2"],
    ["/admin/requests/abc#history", "/admin/requests/abc#history"],
    ["/profile?returnTo=%2Frequests%2Fnew", "/profile?returnTo=%2Frequests%2Fnew"],
    ["/support?q=50%25", "/support?q=50%25"],
    ["/support?q=%", "/support?q=%"],
    ["/@evil.example", "/@evil.example"],
    ["/requests/./new", "/requests/new"],
    ["/admin/../requests", "/requests"],
    ["http://localhost:3000/requests?page=2", "/requests?page=2"],
    ["/sign-in/error?error=Verification", "/sign-in/error?error=Verification"],
  ])("keeps %s on the portal", (input, expected) => {
    expect(safeRedirectTarget(input, origin)).toBe(expected);
  });

  it("judges against the origin it is given", () => {
    expect(
      safeRedirectTarget("https://access.example.com/requests", "https://access.example.com"),
    ).toBe("/requests");
    expect(safeRedirectTarget("https://access.example.com/requests", origin)).toBe("/");
  });

  it("falls back to the home page for anything that is not a string", () => {
    expect(safeRedirectTarget(undefined, origin)).toBe("/");
    expect(safeRedirectTarget(null, origin)).toBe("/");
    expect(safeRedirectTarget(["/requests"], origin)).toBe("/");
  });

  // The assertions of the former safeCallbackPath, kept.
  it("keeps paths on this site", () => {
    expect(safeRedirectTarget("/requests?page=2", origin)).toBe("/requests?page=2");
    expect(safeRedirectTarget("/admin/requests/abc#history", origin)).toBe(
      "/admin/requests/abc#history",
    );
  });

  it("never sends people to another site", () => {
    expect(safeRedirectTarget("https://evil.example/phish", origin)).toBe("/");
    expect(safeRedirectTarget("//evil.example/phish", origin)).toBe("/");
    expect(safeRedirectTarget(undefined, origin)).toBe("/");
  });
});
