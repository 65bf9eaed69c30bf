import Link from "next/link";
import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";
import { buttonPrimary, buttonSecondary, inputField } from "./styles";

const labelClass = "block text-sm font-medium text-slate-800";

/**
 * A list page's filters as a plain GET form: they live in the URL, so they can be bookmarked,
 * shared and work without script. Named by a visible heading, or by a label where the page's own
 * heading says enough.
 */
export function FilterForm({
  action,
  name,
  submitLabel,
  clearLabel,
  clearHref,
  children,
}: {
  action: string;
  name: { heading: string; headingId: string } | { label: string };
  submitLabel: string;
  clearLabel: string;
  clearHref: string;
  children: ReactNode;
}) {
  return (
    <form
      method="get"
      action={action}
      role="search"
      aria-labelledby={"headingId" in name ? name.headingId : undefined}
      aria-label={"label" in name ? name.label : undefined}
      className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      {"heading" in name ? (
        <h2 id={name.headingId} className="mb-3 font-semibold">
          {name.heading}
        </h2>
      ) : null}
      {children}
      <div className="mt-4 flex flex-wrap gap-3">
        <button type="submit" className={buttonPrimary}>
          {submitLabel}
        </button>
        <Link href={clearHref} className={buttonSecondary}>
          {clearLabel}
        </Link>
      </div>
    </form>
  );
}

interface FieldText {
  id: string;
  label: string;
  /** Shown under the field, as its description. */
  hint?: string;
  /** The field's error, in words. */
  error?: string;
}

/** The description ids of a field: its hint, then its error. */
const describedBy = ({ id, hint, error }: FieldText) =>
  [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;

function FilterField({ id, label, hint, error, children }: FieldText & { children: ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A filter's text, search or date field, with its label, hint and error. */
export function FilterInput({
  id,
  label,
  hint,
  error,
  className = inputField,
  ...input
}: FieldText & Omit<InputHTMLAttributes<HTMLInputElement>, "id">) {
  return (
    <FilterField id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        {...input}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy({ id, label, hint, error })}
        className={className}
      />
    </FilterField>
  );
}

/** A filter's choice, with its label, hint and error; the options are its children. */
export function FilterSelect({
  id,
  label,
  hint,
  error,
  className = inputField,
  ...select
}: FieldText & Omit<SelectHTMLAttributes<HTMLSelectElement>, "id">) {
  return (
    <FilterField id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        {...select}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy({ id, label, hint, error })}
        className={className}
      />
    </FilterField>
  );
}
