import type { Messages } from "./messages";

export type Namespace = keyof Messages;

/*
 * The message namespaces the browser receives, per part of the portal: only what the client
 * components there translate (the whole catalog is ≈ 32 kB per language, sent again in every
 * page's RSC data). A provider's messages replace its parent's, so each list is complete for the
 * client components below that provider. tests/unit/client-messages.test.ts reads every
 * client component and checks these lists against what they translate.
 */
export const clientNamespaces = {
  /** Root layout: the menu and the error page. */
  layout: ["menu", "errors"],
  /** /requests, /requests/new, /profile. */
  requests: ["requests", "errors"],
  /** /admin: its own texts, request statuses and roles, the members (and adding people) and virtual accounts pages'. */
  admin: ["admin", "requests", "memberships", "virtualAccounts", "membersImport", "errors"],
  /** /admin/tokens and /admin/webhooks: API tokens, webhooks and their delivery log. */
  integrations: ["integrations", "errors"],
  /** /accounts: the person's own memberships (roles are under requests). */
  accounts: ["memberships", "requests", "errors"],
  /** /support: its own texts and request statuses. */
  support: ["support", "requests", "errors"],
  signIn: ["signIn"],
  signOut: ["signOut"],
} as const satisfies Record<string, readonly Namespace[]>;

export type ClientArea = keyof typeof clientNamespaces;

export function pickMessages(
  messages: Messages,
  namespaces: readonly Namespace[],
): Partial<Messages> {
  return Object.fromEntries(namespaces.map((namespace) => [namespace, messages[namespace]]));
}
