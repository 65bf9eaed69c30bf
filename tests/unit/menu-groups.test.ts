import { describe, expect, it } from "vitest";
import type { MenuModel } from "@/lib/navigation/menu";
import { currentEntry, menuGroups } from "@/lib/navigation/menu-groups";

const nobody: MenuModel = {
  isAccountAdmin: false,
  pendingForAdmin: 0,
  managesVirtualAccounts: false,
  managesAccounts: false,
  usesApiTokens: false,
  usesWebhooks: false,
  isSupportStaff: false,
};

const hrefs = (menu: MenuModel) =>
  menuGroups(menu).map((group) => [group.key, group.entries.map((entry) => entry.href)]);

describe("menuGroups", () => {
  it("gives a requester the requesting group only", () => {
    expect(hrefs(nobody)).toEqual([["requesting", ["/requests/new", "/requests", "/accounts"]]]);
  });

  it("gives a Virtual Account Administrator the accounts page and no queue or integrations", () => {
    expect(hrefs({ ...nobody, managesVirtualAccounts: true, managesAccounts: true })).toEqual([
      ["requesting", ["/requests/new", "/requests", "/accounts"]],
      ["administering", ["/admin/accounts"]],
    ]);
  });

  it("gives an administrator the queue with its badge, the accounts and the integrations", () => {
    const groups = menuGroups({
      ...nobody,
      isAccountAdmin: true,
      pendingForAdmin: 3,
      managesAccounts: true,
      usesApiTokens: true,
      usesWebhooks: true,
    });
    expect(groups.map((group) => group.key)).toEqual([
      "requesting",
      "administering",
      "integrations",
    ]);
    expect(groups[1]!.entries[0]).toMatchObject({ href: "/admin/requests", badge: 3 });
    expect(groups[1]!.entries.map((entry) => entry.href)).toEqual([
      "/admin/requests",
      "/admin/accounts",
      "/insights",
    ]);
    expect(groups[2]!.entries.map((entry) => entry.href)).toEqual([
      "/admin/tokens",
      "/admin/webhooks",
      "/api-reference",
    ]);
  });

  it("gives support staff the console's two sections and insights", () => {
    expect(hrefs({ ...nobody, isSupportStaff: true })[1]).toEqual([
      "support",
      ["/support", "/support/cases", "/insights"],
    ]);
  });

  it("lists insights once for a super administrator, under support", () => {
    const all = hrefs({ ...nobody, isAccountAdmin: true, isSupportStaff: true });
    expect(all.flatMap(([, entries]) => entries).filter((href) => href === "/insights")).toEqual([
      "/insights",
    ]);
    expect(all.find(([key]) => key === "support")![1]).toContain("/insights");
  });
});

describe("currentEntry", () => {
  const entries = [
    "/",
    "/requests/new",
    "/requests",
    "/admin/webhooks",
    "/support",
    "/support/cases",
  ].map((href) => ({ href }));
  it.each([
    ["/", "/"],
    ["/requests", "/requests"],
    ["/requests/new", "/requests/new"],
    ["/admin/webhooks/abc", "/admin/webhooks"],
    ["/support/requests/abc", "/support"],
    ["/support/cases/abc", "/support/cases"],
    ["/profile", null],
    ["/supportx", null],
  ])("%s belongs to %s", (pathname, expected) => {
    expect(currentEntry(entries, pathname)).toBe(expected);
  });
});
