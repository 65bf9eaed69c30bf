import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { FilterInput, FilterSelect } from "@/components/ui/filter-form";
import { buttonPrimary, linkText } from "@/components/ui/styles";
import { insightsHref } from "@/lib/insights/href";
import {
  INSIGHTS_PERIODS,
  type InsightsAccountOption,
  type InsightsQuery,
} from "@/lib/insights/types";

/**
 * The insights page's choices, as a plain GET form (they live in the URL: bookmarkable, and they
 * work without script). An administrator picks one of their accounts from a list; support staff,
 * who reach every account, find one by the start of its name or an Account Domain Identifier and
 * follow its link.
 */
export async function InsightsFilters({
  query,
  reach,
  accounts,
  search,
}: {
  query: InsightsQuery;
  reach: "administered" | "all";
  /** An administrator's accounts, or the accounts matching support's search (at most 20). */
  accounts: InsightsAccountOption[];
  search: string;
}) {
  const t = await getTranslations("insights.filters");
  return (
    <div className="space-y-4">
      <form
        method="get"
        action="/insights"
        role="search"
        aria-label={t("label")}
        className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
      >
        <div className="grid gap-4 sm:grid-cols-[minmax(0,12rem)_minmax(0,1fr)_auto] sm:items-end">
          <FilterSelect
            id="insights-period"
            name="period"
            label={t("period")}
            defaultValue={String(query.period)}
          >
            {INSIGHTS_PERIODS.map((days) => (
              <option key={days} value={days}>
                {t("periodOption", { days })}
              </option>
            ))}
          </FilterSelect>
          {reach === "administered" ? (
            <FilterSelect
              id="insights-account"
              name="account"
              label={t("account")}
              defaultValue={query.accountId ?? ""}
            >
              <option value="">{t("allYourAccounts")}</option>
              {accounts.map((account) => (
                <option key={account.id} value={account.id}>
                  {account.name}
                </option>
              ))}
            </FilterSelect>
          ) : (
            <div>
              {query.accountId ? (
                <input type="hidden" name="account" value={query.accountId} />
              ) : null}
              <FilterInput
                id="insights-search"
                name="q"
                type="search"
                label={t("search")}
                hint={t("searchHint")}
                defaultValue={search}
                maxLength={100}
                autoComplete="off"
              />
            </div>
          )}
          <button type="submit" className={buttonPrimary}>
            {t("submit")}
          </button>
        </div>
      </form>
      {reach === "all" && search ? (
        <nav aria-labelledby="insights-found" className="space-y-2">
          <h2 id="insights-found" className="sr-only">
            {t("found")}
          </h2>
          <p aria-live="polite">
            {accounts.length >= 20
              ? t("matchesCapped", { count: accounts.length, search })
              : t("matches", { count: accounts.length, search })}
          </p>
          {accounts.length > 0 ? (
            <ul className="flex flex-wrap gap-x-4 gap-y-2">
              {accounts.map((account) => (
                <li key={account.id}>
                  <Link
                    href={insightsHref({ period: query.period, accountId: account.id })}
                    aria-current={account.id === query.accountId ? "page" : undefined}
                    className={linkText}
                  >
                    {account.name}
                  </Link>
                </li>
              ))}
            </ul>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}
