import Link from "next/link";
import { useTranslations } from "next-intl";
import type { QueueFilters } from "@/lib/admin/schema";
import { pageSizes, requestStatuses } from "@/lib/admin/schema";
import { buttonPrimary, buttonSecondary, inputField } from "../ui/styles";

interface Props {
  filters: QueueFilters;
  /** Accounts to filter by, with their pending counts; none in the escalated scope. */
  accounts: { id: string; name: string; pending: number }[];
  clearHref: string;
}

const label = "block text-sm font-medium text-slate-800";

/** A plain GET form: filters live in the URL, so they can be bookmarked, shared and work without script. */
export function QueueFiltersForm({ filters, accounts, clearHref }: Props) {
  const t = useTranslations("admin.filters");
  const tStatus = useTranslations("requests.status");
  return (
    <form
      method="get"
      action="/admin/requests"
      role="search"
      aria-labelledby="queue-filters-title"
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h2 id="queue-filters-title" className="mb-3 font-semibold">
        {t("title")}
      </h2>
      {filters.scope === "escalated" ? (
        <input type="hidden" name="scope" value="escalated" />
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {accounts.length > 0 ? (
          <div>
            <label htmlFor="filter-account" className={label}>
              {t("account")}
            </label>
            <select
              id="filter-account"
              name="account"
              defaultValue={filters.account ?? ""}
              className={inputField}
            >
              <option value="">{t("allAccounts")}</option>
              {accounts.map((account) => (
                <option key={account.id} value={account.id}>
                  {t("accountOption", { name: account.name, count: account.pending })}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <div>
          <label htmlFor="filter-status" className={label}>
            {t("status")}
          </label>
          <select
            id="filter-status"
            name="status"
            defaultValue={filters.status}
            className={inputField}
          >
            {requestStatuses.map((status) => (
              <option key={status} value={status}>
                {tStatus(status)}
              </option>
            ))}
            <option value="ALL">{t("allStatuses")}</option>
          </select>
        </div>
        <div>
          <label htmlFor="filter-from" className={label}>
            {t("from")}
          </label>
          <input
            id="filter-from"
            type="date"
            name="from"
            defaultValue={filters.from ?? ""}
            className={inputField}
          />
        </div>
        <div>
          <label htmlFor="filter-to" className={label}>
            {t("to")}
          </label>
          <input
            id="filter-to"
            type="date"
            name="to"
            defaultValue={filters.to ?? ""}
            className={inputField}
          />
        </div>
        <div className="sm:col-span-2">
          <label htmlFor="filter-q" className={label}>
            {t("search")}
          </label>
          <input
            id="filter-q"
            type="search"
            name="q"
            defaultValue={filters.q ?? ""}
            maxLength={200}
            className={inputField}
          />
        </div>
        <div>
          <label htmlFor="filter-order" className={label}>
            {t("order")}
          </label>
          <select
            id="filter-order"
            name="order"
            defaultValue={filters.order}
            className={inputField}
          >
            <option value="oldest">{t("oldest")}</option>
            <option value="newest">{t("newest")}</option>
          </select>
        </div>
        <div>
          <label htmlFor="filter-size" className={label}>
            {t("size")}
          </label>
          <select
            id="filter-size"
            name="size"
            defaultValue={String(filters.size)}
            className={inputField}
          >
            {pageSizes.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </div>
      </div>
      <div className="mt-4 flex flex-wrap gap-3">
        <button type="submit" className={buttonPrimary}>
          {t("apply")}
        </button>
        <Link href={clearHref} className={buttonSecondary}>
          {t("clear")}
        </Link>
      </div>
    </form>
  );
}
