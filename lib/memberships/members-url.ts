import type { MembersFilters } from "./schema";

type Change = Partial<Record<keyof MembersFilters, string | undefined>>;

const defaults: Partial<Record<keyof MembersFilters, string>> = { role: "ALL", status: "active" };

/** The members page's URL for these filters with some changed; defaults are left out so links stay short. */
export function membersHref(
  accountId: string,
  filters: Partial<MembersFilters>,
  change: Change = {},
): string {
  const path = `/admin/accounts/${encodeURIComponent(accountId)}/members`;
  const values: Change = { ...filters, ...change };
  const query = new URLSearchParams();
  for (const key of ["q", "role", "status", "va", "after", "before"] as const) {
    const value = values[key];
    if (value === undefined || value === "" || value === defaults[key]) continue;
    query.set(key, value);
  }
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
