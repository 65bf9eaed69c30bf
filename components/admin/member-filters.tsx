import Link from "next/link";
import { useTranslations } from "next-intl";
import { memberRoleFilters, memberStatuses, type MembersFilters } from "@/lib/memberships/schema";
import { buttonPrimary, buttonSecondary, inputField } from "../ui/styles";

const label = "block text-sm font-medium text-slate-800";

/** A plain GET form, like the queue's: the filters live in the URL. */
export function MemberFiltersForm({
  action,
  filters,
  clearHref,
}: {
  action: string;
  filters: MembersFilters;
  clearHref: string;
}) {
  const t = useTranslations("memberships.filters");
  const tRoles = useTranslations("requests.roles");
  return (
    <form
      method="get"
      action={action}
      role="search"
      aria-labelledby="member-filters-title"
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <h2 id="member-filters-title" className="mb-3 font-semibold">
        {t("title")}
      </h2>
      <div className="grid gap-4 sm:grid-cols-3">
        <div>
          <label htmlFor="member-q" className={label}>
            {t("search")}
          </label>
          <input
            id="member-q"
            type="search"
            name="q"
            defaultValue={filters.q ?? ""}
            maxLength={200}
            className={inputField}
          />
        </div>
        <div>
          <label htmlFor="member-role" className={label}>
            {t("role")}
          </label>
          <select id="member-role" name="role" defaultValue={filters.role} className={inputField}>
            {memberRoleFilters.map((role) => (
              <option key={role} value={role}>
                {role === "ALL" ? t("allRoles") : tRoles(role)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="member-status" className={label}>
            {t("status")}
          </label>
          <select
            id="member-status"
            name="status"
            defaultValue={filters.status}
            className={inputField}
          >
            {memberStatuses.map((status) => (
              <option key={status} value={status}>
                {t(`statuses.${status}`)}
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
