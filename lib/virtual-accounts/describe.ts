import type { AccessView, GrantView } from "./grants";

/**
 * An access in words, for pages and emails, from the catalog section memberships.scope: "Smart
 * Account Administrator", or one line per virtual account ("EMEA / France and its sub-accounts:
 * Virtual Account User"). `t` is any translator over the full catalog (next-intl's, the emails').
 */
type Translate = (key: string, values?: Record<string, string>) => string;

export function virtualAccountPath(t: Translate, path: string[]): string {
  return path.join(t("memberships.scope.pathSeparator"));
}

export function describeGrant(t: Translate, grant: GrantView): string {
  const path = virtualAccountPath(t, grant.path);
  return t("memberships.scope.grant", {
    path: grant.includeSubAccounts ? t("memberships.scope.withSubAccounts", { path }) : path,
    role: t(`memberships.scope.virtualAccountRoles.${grant.role}`),
  });
}

/** One line per part of the access: the Smart Account role, or each virtual account's. */
export function describeAccess(t: Translate, access: AccessView): string[] {
  if (access.scope === "ACCOUNT") return [t(`memberships.scope.accountRoles.${access.role}`)];
  return access.grants.map((grant) => describeGrant(t, grant));
}
