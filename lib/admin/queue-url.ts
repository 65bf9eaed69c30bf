import type { QueueFilters } from "./schema";

type Change = Partial<Record<keyof QueueFilters, string | number | undefined>>;

const defaults: Partial<Record<keyof QueueFilters, string | number>> = {
  scope: "mine",
  status: "PENDING",
  order: "oldest",
  size: 25,
};

/** The queue's URL for these filters with some changed; defaults are left out so links stay short. */
export function queueHref(filters: QueueFilters, change: Change = {}): string {
  const values: Change = { ...filters, ...change };
  const query = new URLSearchParams();
  for (const key of [
    "scope",
    "account",
    "status",
    "from",
    "to",
    "q",
    "order",
    "size",
    "after",
    "before",
  ] as const) {
    const value = values[key];
    if (value === undefined || value === "" || value === defaults[key]) continue;
    query.set(key, String(value));
  }
  const text = query.toString();
  return text ? `/admin/requests?${text}` : "/admin/requests";
}
