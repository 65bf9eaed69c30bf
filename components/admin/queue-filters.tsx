import { useTranslations } from "next-intl";
import type { QueueFilters } from "@/lib/admin/schema";
import { pageSizes, requestStatuses } from "@/lib/admin/schema";
import { FilterForm, FilterInput, FilterSelect } from "../ui/filter-form";

interface Props {
  filters: QueueFilters;
  /** Accounts to filter by, with their pending counts; none in the escalated scope. */
  accounts: { id: string; name: string; pending: number }[];
  clearHref: string;
}

/** The request queue's filters. */
export function QueueFiltersForm({ filters, accounts, clearHref }: Props) {
  const t = useTranslations("admin.filters");
  const tStatus = useTranslations("requests.status");
  return (
    <FilterForm
      action="/admin/requests"
      name={{ heading: t("title"), headingId: "queue-filters-title" }}
      submitLabel={t("apply")}
      clearLabel={t("clear")}
      clearHref={clearHref}
    >
      {filters.scope === "escalated" ? (
        <input type="hidden" name="scope" value="escalated" />
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {accounts.length > 0 ? (
          <FilterSelect
            id="filter-account"
            label={t("account")}
            name="account"
            defaultValue={filters.account ?? ""}
          >
            <option value="">{t("allAccounts")}</option>
            {accounts.map((account) => (
              <option key={account.id} value={account.id}>
                {t("accountOption", { name: account.name, count: account.pending })}
              </option>
            ))}
          </FilterSelect>
        ) : null}
        <FilterSelect
          id="filter-status"
          label={t("status")}
          name="status"
          defaultValue={filters.status}
        >
          {requestStatuses.map((status) => (
            <option key={status} value={status}>
              {tStatus(status)}
            </option>
          ))}
          <option value="ALL">{t("allStatuses")}</option>
        </FilterSelect>
        <FilterInput
          id="filter-from"
          label={t("from")}
          type="date"
          name="from"
          defaultValue={filters.from ?? ""}
        />
        <FilterInput
          id="filter-to"
          label={t("to")}
          type="date"
          name="to"
          defaultValue={filters.to ?? ""}
        />
        <div className="sm:col-span-2">
          <FilterInput
            id="filter-q"
            label={t("search")}
            type="search"
            name="q"
            defaultValue={filters.q ?? ""}
            maxLength={200}
          />
        </div>
        <FilterSelect
          id="filter-order"
          label={t("order")}
          name="order"
          defaultValue={filters.order}
        >
          <option value="oldest">{t("oldest")}</option>
          <option value="newest">{t("newest")}</option>
        </FilterSelect>
        <FilterSelect
          id="filter-size"
          label={t("size")}
          name="size"
          defaultValue={String(filters.size)}
        >
          {pageSizes.map((size) => (
            <option key={size} value={size}>
              {size}
            </option>
          ))}
        </FilterSelect>
      </div>
    </FilterForm>
  );
}
