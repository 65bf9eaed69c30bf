import { useTranslations } from "next-intl";
import { FilterForm, FilterInput, FilterSelect } from "@/components/ui/filter-form";
import { inputField } from "@/components/ui/styles";
import { AccessRequestStatus } from "@/lib/generated/prisma/enums";

export interface SearchFormValues {
  email?: string;
  emailMatch?: string;
  requestId?: string;
  domain?: string;
  account?: string;
  status?: string;
  escalated?: string;
  from?: string;
  to?: string;
}

interface Props {
  values: SearchFormValues;
  /** Catalog keys under support.errors, by field. */
  errors: Partial<Record<keyof SearchFormValues, string>>;
}

/**
 * The search, as a plain GET form: works without JavaScript, the URL is the search (bookmark it,
 * share it, go back to it), and the export link reuses it.
 */
export function RequestSearchForm({ values, errors }: Props) {
  const t = useTranslations("support");
  const tStatus = useTranslations("requests.status");

  // Unknown codes (none expected) fall back to the generic message rather than a raw key.
  const errorText = (code: string) =>
    t.has(`errors.${code}` as never) ? t(`errors.${code}` as never) : t("search.invalidTitle");

  const field = (
    name: "email" | "requestId" | "domain" | "account" | "from" | "to",
    options: { type?: string; hint?: "email" | "domain" | "account" } = {},
  ) => (
    <FilterInput
      id={`search-${name}`}
      label={t(`search.fields.${name}`)}
      hint={options.hint ? t(`search.hints.${options.hint}`) : undefined}
      error={errors[name] ? errorText(errors[name]) : undefined}
      name={name}
      type={options.type ?? "text"}
      defaultValue={values[name] ?? ""}
      autoComplete="off"
      spellCheck={false}
      className={`${inputField} mt-1`}
    />
  );

  const select = (name: "emailMatch" | "status" | "escalated", options: [string, string][]) => (
    <FilterSelect
      id={`search-${name}`}
      label={t(`search.fields.${name}`)}
      error={errors[name] ? errorText(errors[name]) : undefined}
      name={name}
      defaultValue={values[name] ?? ""}
      className={`${inputField} mt-1`}
    >
      {options.map(([value, text]) => (
        <option key={value} value={value}>
          {text}
        </option>
      ))}
    </FilterSelect>
  );

  return (
    <FilterForm
      action="/support"
      name={{ label: t("search.label") }}
      submitLabel={t("search.submit")}
      clearLabel={t("search.clear")}
      clearHref="/support"
    >
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        <div className="sm:col-span-2 grid gap-4 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
          {field("email", { type: "search", hint: "email" })}
          {select("emailMatch", [
            ["prefix", t("search.emailMatch.prefix")],
            ["exact", t("search.emailMatch.exact")],
          ])}
        </div>
        {field("requestId")}
        {field("domain", { hint: "domain" })}
        {field("account", { hint: "account" })}
        {select("status", [
          ["", t("search.anyStatus")],
          ...Object.values(AccessRequestStatus).map((status): [string, string] => [
            status,
            tStatus(status),
          ]),
        ])}
        {select("escalated", [
          ["", t("search.escalated.any")],
          ["yes", t("search.escalated.yes")],
          ["no", t("search.escalated.no")],
        ])}
        {field("from", { type: "date" })}
        {field("to", { type: "date" })}
      </div>
    </FilterForm>
  );
}
