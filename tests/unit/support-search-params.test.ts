import { describe, expect, it } from "vitest";
import { escapeLike } from "@/lib/db/like";
import { encodeCursor, pageDirection } from "@/lib/pagination/keyset";
import { hasFilters, parseRequestSearch, searchQuery } from "@/lib/support/search-params";

describe("support search parameters", () => {
  it("normalises what support types: lower-case email, identifier as the lookup normalises it", () => {
    expect(
      parseRequestSearch({ email: "  Dana.Lee@Example.COM ", domain: "https://Acme.com/login" }),
    ).toEqual({
      ok: true,
      filters: expect.objectContaining({
        email: "dana.lee@example.com",
        emailMatch: "prefix",
        domain: "acme.com",
      }),
    });
  });

  it("round-trips through the query string used by pagination and the export", () => {
    const parsed = parseRequestSearch({
      email: "dana",
      emailMatch: "exact",
      status: "PENDING",
      escalated: "yes",
      from: "2026-01-01",
      to: "2026-01-31",
      account: "Acme, Inc.",
    });
    if (!parsed.ok) throw new Error("expected valid filters");
    const query = searchQuery(parsed.filters);
    expect(parseRequestSearch(Object.fromEntries(new URLSearchParams(query)))).toEqual(parsed);
    expect(searchQuery({ emailMatch: "prefix" })).toBe("");
    expect(hasFilters({ emailMatch: "exact" })).toBe(false);
  });

  it("reads a page cursor, preferring older (after) when a hand-made URL has both", () => {
    const older = { createdAt: new Date("2026-01-02T00:00:00.000Z"), id: "b" };
    const newer = { createdAt: new Date("2026-01-03T00:00:00.000Z"), id: "c" };
    expect(pageDirection({ after: encodeCursor(older), before: encodeCursor(newer) })).toEqual({
      after: older,
    });
    expect(pageDirection({ before: encodeCursor(newer) })).toEqual({ before: newer });
    expect(pageDirection({ after: "nonsense" })).toBeNull();
  });

  it("escapes LIKE wildcards so they match literally", () => {
    expect(escapeLike("a%b_c\\d")).toBe("a\\%b\\_c\\\\d");
  });
});
