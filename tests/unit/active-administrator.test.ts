import { describe, expect, it } from "vitest";
import { isActiveAdministrator } from "@/lib/memberships/active-admin";

const now = new Date("2026-06-01T12:00:00Z");
const hour = 3600_000;
const at = (offsetHours: number) => new Date(now.getTime() + offsetHours * hour);

// The same cases as tests/integration/active-administrator.test.ts, for rows already read.
describe("isActiveAdministrator", () => {
  it.each([
    ["an administrator", { role: "ADMIN", active: true, endsAt: null }, null, true],
    [
      "an administrator until tomorrow",
      { role: "ADMIN", active: true, endsAt: at(24) },
      null,
      true,
    ],
    [
      "an administrator whose end date passed",
      { role: "ADMIN", active: true, endsAt: at(-1) },
      null,
      false,
    ],
    [
      "an administrator at the very end date",
      { role: "ADMIN", active: true, endsAt: now },
      null,
      false,
    ],
    ["a former administrator", { role: "ADMIN", active: false, endsAt: null }, null, false],
    ["a disabled administrator", { role: "ADMIN", active: true, endsAt: null }, at(-2), false],
    ["a USER member", { role: "USER", active: true, endsAt: null }, null, false],
    ["a VIEWER member", { role: "VIEWER", active: true, endsAt: null }, null, false],
    [
      "an ADMIN of chosen virtual accounts only",
      { role: "ADMIN", active: true, endsAt: null, scope: "VIRTUAL_ACCOUNTS" },
      null,
      false,
    ],
  ] as const)("%s: %s", (_name, membership, disabledAt, expected) => {
    const scope = "scope" in membership ? membership.scope : "ACCOUNT";
    expect(isActiveAdministrator({ ...membership, scope }, { disabledAt }, now)).toBe(expected);
  });
});
