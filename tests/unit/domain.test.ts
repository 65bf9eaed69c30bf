import { describe, expect, it } from "vitest";
import { normalizeDomain } from "@/lib/accounts/domain";

describe("normalizeDomain", () => {
  it.each([
    ["acme.com", "acme.com"],
    ["  ACME.com  ", "acme.com"],
    ["https://www.Acme.com/path?x=1#top", "www.acme.com"],
    ["http://acme.com:8080", "acme.com"],
    ["acme.com.", "acme.com"],
    ["jane.doe@acme.com", "acme.com"],
    ["Bücher.example", "xn--bcher-kva.example"],
    ["ÉCOLE.fr", "xn--cole-9oa.fr"],
    ["sub-domain.acme.co.uk", "sub-domain.acme.co.uk"],
  ])("normalises %j to %j", (input, expected) => {
    expect(normalizeDomain(input)).toEqual({ ok: true, domain: expected });
  });

  it.each([
    "",
    "   ",
    "acme",
    "acme..com",
    "-acme.com",
    "acme-.com",
    "acme_corp.com",
    "a b.com",
    "192.168.0.1",
    "http://",
    "x".repeat(64) + ".com",
  ])("refuses %j", (input) => {
    expect(normalizeDomain(input)).toEqual({ ok: false });
  });
});
