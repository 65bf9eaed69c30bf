import { describe, expect, it } from "vitest";
import { membersHref } from "@/lib/memberships/members-url";
import {
  endDateErrorCode,
  grantableRolesFor,
  mayGrantRole,
  mayManageMember,
  removesAnAdministrator,
} from "@/lib/memberships/rules";
import { accessEndSchema, accessEndsAt, parseMembersFilters } from "@/lib/memberships/schema";

describe("membership rules", () => {
  it("no role above your own: only an administrator gives ADMIN, and only managing roles give anything", () => {
    for (const role of ["ADMIN", "USER", "VIEWER"] as const)
      expect(mayGrantRole("ADMIN", role), role).toBe(true);
    for (const granter of ["USER", "VIEWER"] as const)
      expect(grantableRolesFor(granter), granter).toEqual([]);
    expect(mayGrantRole("onBehalfOfAccount", "ADMIN")).toBe(true);
    expect(mayManageMember("ADMIN", "ADMIN")).toBe(true);
    expect(mayManageMember("VIEWER", "VIEWER")).toBe(false);
  });

  it("only a change away from ADMIN takes an administrator away", () => {
    expect(removesAnAdministrator("ADMIN", "USER")).toBe(true);
    expect(removesAnAdministrator("ADMIN", null)).toBe(true);
    expect(removesAnAdministrator("ADMIN", "ADMIN")).toBe(false);
    expect(removesAnAdministrator("USER", null)).toBe(false);
  });

  it("an end date is a real day after today and within ten years", () => {
    expect(endDateErrorCode("2026-12-02", "2026-12-01")).toBeNull();
    expect(endDateErrorCode("2026-12-01", "2026-12-01")).toBe("endInPast");
    expect(endDateErrorCode("2026-02-30", "2026-01-01")).toBe("date");
    expect(endDateErrorCode("2036-12-01", "2026-12-01")).toBe("endTooFar");
    expect(endDateErrorCode("2036-11-28", "2026-12-01")).toBeNull();
  });

  it("the end is the start of the chosen day (UTC), a preset counted from now, or none", () => {
    const now = new Date("2026-12-01T10:30:00Z");
    expect(accessEndsAt({ endsOn: "2027-03-01" }, now)).toEqual(new Date("2027-03-01T00:00:00Z"));
    expect(accessEndsAt({ endsInDays: 30 }, now)).toEqual(new Date("2026-12-31T10:30:00Z"));
    expect(accessEndsAt({}, now)).toBeNull();
    expect(accessEndSchema.safeParse({ endsInDays: "90" }).success).toBe(true);
    expect(accessEndSchema.safeParse({ endsInDays: 7 }).success).toBe(false);
  });

  it("the members page's URL keeps only what differs from the defaults; bad filters fall back", () => {
    expect(membersHref("a b", {})).toBe("/admin/accounts/a%20b/members");
    expect(
      membersHref("acc", parseMembersFilters({ role: "VIEWER", status: "active", q: "mia" })),
    ).toBe("/admin/accounts/acc/members?q=mia&role=VIEWER");
    expect(parseMembersFilters({ role: "KING", status: ["ended", "all"] })).toMatchObject({
      role: "ALL",
      status: "ended",
    });
  });
});
