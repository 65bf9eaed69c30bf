import { useTranslations } from "next-intl";
import { memberRoleFilters, memberStatuses, type MembersFilters } from "@/lib/memberships/schema";
import { FilterForm, FilterInput, FilterSelect } from "../ui/filter-form";

/** The members page's filters, like the queue's. */
export function MemberFiltersForm({
  action,
  filters,
  clearHref,
  virtualAccounts,
}: {
  action: string;
  filters: MembersFilters;
  clearHref: string;
  /** The virtual accounts the viewer may filter by (their paths in words). */
  virtualAccounts: { id: string; path: string }[];
}) {
  const t = useTranslations("memberships.filters");
  const tRoles = useTranslations("requests.roles");
  return (
    <FilterForm
      action={action}
      name={{ heading: t("title"), headingId: "member-filters-title" }}
      submitLabel={t("apply")}
      clearLabel={t("clear")}
      clearHref={clearHref}
    >
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        <FilterInput
          id="member-q"
          label={t("search")}
          type="search"
          name="q"
          defaultValue={filters.q ?? ""}
          maxLength={200}
        />
        <FilterSelect id="member-role" label={t("role")} name="role" defaultValue={filters.role}>
          {memberRoleFilters.map((role) => (
            <option key={role} value={role}>
              {role === "ALL" ? t("allRoles") : tRoles(role)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          id="member-status"
          label={t("status")}
          name="status"
          defaultValue={filters.status}
        >
          {memberStatuses.map((status) => (
            <option key={status} value={status}>
              {t(`statuses.${status}`)}
            </option>
          ))}
        </FilterSelect>
        <FilterSelect
          id="member-va"
          label={t("virtualAccount")}
          name="va"
          defaultValue={filters.va ?? ""}
        >
          <option value="">{t("allVirtualAccounts")}</option>
          {virtualAccounts.map((va) => (
            <option key={va.id} value={va.id}>
              {va.path}
            </option>
          ))}
        </FilterSelect>
      </div>
    </FilterForm>
  );
}
