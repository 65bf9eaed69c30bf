import { describe, expect, it } from "vitest";
import { isMembershipInForce } from "@/lib/memberships/active-admin";
import { membershipAsOf } from "@/lib/memberships/summary";

const now = new Date("2026-06-01T12:00:00Z");
const hour = 3600_000;
const at = (offsetHours: number) => new Date(now.getTime() + offsetHours * hour);

// The same cases as tests/integration/membership-in-force.test.ts, for rows already read.
describe("isMembershipInForce", () => {
  it.each([
    ["a member with no end date", { active: true, endsAt: null }, true],
    ["a member until tomorrow", { active: true, endsAt: at(24) }, true],
    ["a member whose end date passed (not swept)", { active: true, endsAt: at(-1) }, false],
    ["a member at the very end date", { active: true, endsAt: now }, false],
    ["a former member, end date ahead", { active: false, endsAt: at(24) }, false],
    ["a former member", { active: false, endsAt: null }, false],
  ] as const)("%s: %s", (_name, membership, expected) => {
    expect(isMembershipInForce(membership, now)).toBe(expected);
  });
});

describe("membershipAsOf", () => {
  it("shows a membership whose end date passed as ended then, EXPIRED, before the sweep records it", () => {
    const row = { active: true, endsAt: at(-1), endedAt: null, endCause: null, id: "m" };
    expect(membershipAsOf(row, now)).toEqual({
      id: "m",
      active: false,
      endsAt: at(-1),
      endedAt: at(-1),
      endCause: "EXPIRED",
    });
  });

  it("leaves a membership in force, or one already ended, as it is", () => {
    const inForce = { active: true, endsAt: at(1), endedAt: null, endCause: null };
    const removed = { active: false, endsAt: null, endedAt: at(-5), endCause: "REMOVED" as const };
    expect(membershipAsOf(inForce, now)).toBe(inForce);
    expect(membershipAsOf(removed, now)).toBe(removed);
  });
});
