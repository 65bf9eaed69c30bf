"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, type FormEvent } from "react";
import type { Role } from "@/lib/memberships/rules";
import type { Access } from "@/lib/virtual-accounts/scope";
import type { TreeNode } from "@/lib/virtual-accounts/tree";
import { AccessPicker } from "../../virtual-accounts/access-picker";
import { buttonPrimary, buttonSecondary, inputField, linkText } from "../../ui/styles";
import { AccessEndField, type AccessEndValue } from "../access-end-field";

/** What the first step holds; kept by the dialog, so that "Back" finds it as it was. */
export interface SourceForm {
  method: "text" | "file";
  text: string;
  access: Access;
  end: AccessEndValue;
  file: File | null;
}

interface Props {
  id: string;
  form: SourceForm;
  onChange: (form: SourceForm) => void;
  roles: readonly Role[];
  tree: TreeNode[] | null;
  /** The viewer may give the entire account (a Smart Account Administrator). */
  wholeAccount: boolean;
  /** What is wrong, per part of the form (already in words). */
  errors: { text?: string; file?: string; access?: string; end?: string; form?: string };
  busy: boolean;
  /** Back from the preview: the list or the file to fix takes the focus. */
  focusOnMount: boolean;
  onSubmit: () => void;
  onCancel: () => void;
}

/** The addresses typed (with the access they all get) or the CSV file, then "Preview". */
export function SourceStep({
  id,
  form,
  onChange,
  roles,
  tree,
  wholeAccount,
  errors,
  busy,
  focusOnMount,
  onSubmit,
  onCancel,
}: Props) {
  const t = useTranslations("membersImport.dialog");
  const format = useFormatter();
  useEffect(() => {
    if (focusOnMount) document.getElementById(`${id}-${form.method}`)?.focus();
    // Only on arrival: the method chosen since must not steal the focus.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  const set = (change: Partial<SourceForm>) => onChange({ ...form, ...change });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit();
  };
  const fileSize = form.file
    ? format.number(form.file.size / 1000, { maximumFractionDigits: 1 }) + " kB"
    : "";

  return (
    <form onSubmit={submit} noValidate className="mt-4 space-y-5" aria-busy={busy}>
      <fieldset className="space-y-2">
        <legend className="font-semibold text-slate-900">{t("method")}</legend>
        <div className="flex flex-wrap gap-x-6 gap-y-2">
          {(["text", "file"] as const).map((method) => (
            <div key={method} className="flex items-center gap-2">
              <input
                type="radio"
                id={`${id}-method-${method}`}
                name={`${id}-method`}
                checked={form.method === method}
                onChange={() => set({ method })}
                className="h-4 w-4 accent-brand-600"
              />
              <label htmlFor={`${id}-method-${method}`} className="text-sm text-slate-900">
                {t(method === "text" ? "methodText" : "methodFile")}
              </label>
            </div>
          ))}
        </div>
      </fieldset>

      {form.method === "text" ? (
        <>
          <div className="space-y-1">
            <label htmlFor={`${id}-text`} className="block text-sm font-medium text-slate-800">
              {t("addresses")}
            </label>
            <textarea
              id={`${id}-text`}
              rows={4}
              value={form.text}
              onChange={(event) => set({ text: event.target.value })}
              aria-invalid={errors.text ? true : undefined}
              aria-describedby={`${id}-text-help${errors.text ? ` ${id}-text-error` : ""}`}
              className={inputField}
            />
            <p id={`${id}-text-help`} className="text-xs text-slate-600">
              {t("addressesHelp")}
            </p>
            {errors.text ? (
              <p id={`${id}-text-error`} role="alert" className="text-sm text-red-700">
                {errors.text}
              </p>
            ) : null}
          </div>
          <AccessPicker
            id={id}
            value={form.access}
            onChange={(access) => set({ access })}
            roles={roles}
            tree={tree}
            entireAccount={wholeAccount}
            error={errors.access ?? null}
          />
          <AccessEndField
            id={`${id}-end`}
            value={form.end}
            onChange={(end) => set({ end })}
            error={errors.end ?? null}
          />
        </>
      ) : (
        <div className="space-y-1">
          <label htmlFor={`${id}-file`} className="block text-sm font-medium text-slate-800">
            {t("file")}
          </label>
          <input
            id={`${id}-file`}
            type="file"
            accept=".csv,text/csv"
            onChange={(event) => set({ file: event.target.files?.[0] ?? null })}
            aria-invalid={errors.file ? true : undefined}
            aria-describedby={`${id}-file-help${errors.file ? ` ${id}-file-error` : ""}`}
            className="block w-full text-sm text-slate-900 file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-2 file:text-sm file:font-semibold file:text-slate-800"
          />
          {form.file ? (
            <p className="text-sm text-slate-700">
              {t("fileChosen", { name: form.file.name, size: fileSize })}
            </p>
          ) : null}
          <p id={`${id}-file-help`} className="text-xs text-slate-600">
            {t("fileHelp")}
          </p>
          <p className="text-sm">
            <a href="/members-import-template.csv" download className={linkText}>
              {t("template")}
            </a>
          </p>
          {errors.file ? (
            <p id={`${id}-file-error`} role="alert" className="text-sm text-red-700">
              {errors.file}
            </p>
          ) : null}
        </div>
      )}

      {errors.form ? (
        <p role="alert" className="text-sm text-red-700">
          {errors.form}
        </p>
      ) : null}
      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
        <button type="button" className={buttonSecondary} onClick={onCancel}>
          {t("cancel")}
        </button>
        <button type="submit" className={buttonPrimary} disabled={busy}>
          {busy ? t("previewing") : t("preview")}
        </button>
      </div>
    </form>
  );
}
