import type { MenuModel } from "./menu";

/*
 * The menu's groups and entries, from the model menuFor read on the server: pure, so the menu's
 * client panel and the tests use the same list.
 */

/** Keys of the entries' labels under `menu.entries` (common.json). */
export type MenuEntryKey =
  | "home"
  | "requestAccess"
  | "yourRequests"
  | "yourAccounts"
  | "accessRequests"
  | "managedAccounts"
  | "insights"
  | "apiTokens"
  | "webhooks"
  | "apiReference"
  | "supportRequests"
  | "supportCases"
  | "mailbox";

export interface MenuEntry {
  /** Key of the entry's label under `menu.entries`. */
  key: MenuEntryKey;
  href: string;
  /** The pending badge of the queue. */
  badge?: number;
  /** Not a page of the app router (a route handler): a plain link. */
  external?: boolean;
}

export interface MenuGroup {
  /** Key of the group's heading under `menu.groups`. */
  key: "requesting" | "administering" | "integrations" | "support";
  /** A part of the group before it (integrations, under administering): a lower heading. */
  subgroup?: boolean;
  entries: MenuEntry[];
}

/** The entry, if the person may use it. */
const when = (allowed: boolean, entry: MenuEntry): MenuEntry[] => (allowed ? [entry] : []);

/** The menu's groups, in order, with only the entries this person may use; empty groups are left out. */
export function menuGroups(menu: MenuModel): MenuGroup[] {
  const groups: MenuGroup[] = [
    {
      key: "requesting",
      entries: [
        { key: "requestAccess", href: "/requests/new" },
        { key: "yourRequests", href: "/requests" },
        { key: "yourAccounts", href: "/accounts" },
      ],
    },
    {
      key: "administering",
      entries: [
        ...when(menu.isAccountAdmin, {
          key: "accessRequests",
          href: "/admin/requests",
          badge: menu.pendingForAdmin,
        }),
        ...when(menu.managesAccounts, { key: "managedAccounts", href: "/admin/accounts" }),
        // Support staff (a super administrator included) find insights under support, once.
        ...when(menu.isAccountAdmin && !menu.isSupportStaff, {
          key: "insights",
          href: "/insights",
        }),
      ],
    },
    {
      key: "integrations",
      subgroup: true,
      entries: [
        ...when(menu.usesApiTokens, { key: "apiTokens", href: "/admin/tokens" }),
        ...when(menu.usesWebhooks, { key: "webhooks", href: "/admin/webhooks" }),
        ...when(menu.usesApiTokens || menu.usesWebhooks, {
          key: "apiReference",
          href: "/api-reference",
          external: true,
        }),
      ],
    },
    {
      key: "support",
      entries: [
        ...when(menu.isSupportStaff, { key: "supportRequests", href: "/support" }),
        ...when(menu.isSupportStaff, { key: "supportCases", href: "/support/cases" }),
        ...when(menu.isSupportStaff, { key: "insights", href: "/insights" }),
      ],
    },
  ];
  return groups.filter((group) => group.entries.length > 0);
}

/**
 * The entry the page at `pathname` belongs to: the one whose path is the longest prefix of it
 * (a request of the support console belongs to its search), none outside the menu.
 */
export function currentEntry(entries: readonly { href: string }[], pathname: string) {
  let best: string | null = null;
  for (const { href } of entries) {
    const inside = pathname === href || (href !== "/" && pathname.startsWith(`${href}/`));
    if (inside && (best === null || href.length > best.length)) best = href;
  }
  return best;
}
