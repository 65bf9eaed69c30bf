import Link from "next/link";
import { useTranslations } from "next-intl";
import { buttonPrimary, buttonSecondary, inputField } from "@/components/ui/styles";
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

const label = "block text-sm font-medium text-slate-800";
const hint = "mt-1 text-xs text-slate-600";

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
  ) => {
    const id = `search-${name}`;
    const error = errors[name];
    const describedBy =
      [options.hint ? `${id}-hint` : null, error ? `${id}-error` : null]
        .filter(Boolean)
        .join(" ") || undefined;
    return (
      <div>
        <label htmlFor={id} className={label}>
          {t(`search.fields.${name}`)}
        </label>
        <input
          id={id}
          name={name}
          type={options.type ?? "text"}
          defaultValue={values[name] ?? ""}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          className={`${inputField} mt-1`}
        />
        {options.hint ? (
          <p id={`${id}-hint`} className={hint}>
            {t(`search.hints.${options.hint}`)}
          </p>
        ) : null}
        {error ? (
          <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
            {errorText(error)}
          </p>
        ) : null}
      </div>
    );
  };

  const select = (name: "emailMatch" | "status" | "escalated", options: [string, string][]) => {
    const id = `search-${name}`;
    const error = errors[name];
    return (
      <div>
        <label htmlFor={id} className={label}>
          {t(`search.fields.${name}`)}
        </label>
        <select
          id={id}
          name={name}
          defaultValue={values[name] ?? ""}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          className={`${inputField} mt-1`}
        >
          {options.map(([value, text]) => (
            <option key={value} value={value}>
              {text}
            </option>
          ))}
        </select>
        {error ? (
          <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
            {errorText(error)}
          </p>
        ) : null}
      </div>
    );
  };

  return (
    <form
      method="get"
      action="/support"
      role="search"
      aria-label={t("search.label")}
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
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
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <button type="submit" className={buttonPrimary}>
          {t("search.submit")}
        </button>
        <Link href="/support" className={buttonSecondary}>
          {t("search.clear")}
        </Link>
      </div>
    </form>
  );
}
