"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import type { ImportPlan } from "@/lib/members-import/preview";
import { shortDate } from "../../ui/date-formats";
import { buttonPrimary, buttonSecondary } from "../../ui/styles";
import { lineWords } from "./line-words";

const tones = {
  added: "bg-green-50 text-green-900 border-green-700",
  changed: "bg-brand-50 text-brand-800 border-brand-600",
  unchanged: "bg-slate-50 text-slate-800 border-slate-400",
  refused: "bg-red-50 text-red-900 border-red-700",
} as const;

interface Props {
  plan: ImportPlan;
  busy: boolean;
  error: string | null;
  onBack: () => void;
  onConfirm: () => void;
}

/**
 * What the import will do, one line per person, before anything changes; the heading takes the
 * focus so that a keyboard or screen-reader user lands on it.
 */
export function PreviewStep({ plan, busy, error, onBack, onConfirm }: Props) {
  const t = useTranslations("membersImport.dialog");
  const tAll = useTranslations();
  const format = useFormatter();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const date = (iso: string) => format.dateTime(new Date(iso), shortDate);
  const translate = (key: string, values?: Record<string, string | number>) =>
    tAll(key as never, values as never);
  const applicable = plan.counts.added + plan.counts.changed;

  return (
    <section aria-labelledby="add-people-preview" className="mt-4 space-y-4">
      <h3
        id="add-people-preview"
        ref={heading}
        tabIndex={-1}
        className="text-base font-semibold text-slate-900 focus:outline-none"
      >
        {t("previewHeading")}
      </h3>
      <p className="text-sm text-slate-700">{t("previewIntro")}</p>
      <p className="text-sm font-medium text-slate-900">{t("summary", plan.counts)}</p>
      {plan.duplicates.length > 0 ? (
        <div className="rounded-md border-l-4 border-amber-600 bg-amber-50 p-3 text-sm text-amber-950">
          <p className="font-medium">{t("duplicates", { count: plan.duplicates.length })}</p>
          <ul className="mt-1 list-disc pl-5">
            {plan.duplicates.map((duplicate) => (
              <li key={duplicate.line}>
                {tAll("membersImport.duplicate", {
                  line: duplicate.line,
                  email: duplicate.email,
                  firstLine: duplicate.firstLine,
                })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ul
        aria-label={t("people")}
        className="max-h-[45vh] divide-y divide-slate-200 overflow-y-auto rounded-md border border-slate-200"
      >
        {plan.lines.map((line) => {
          const words = lineWords(translate, line, date);
          return (
            <li key={line.line} className="space-y-1 p-3 text-sm">
              <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                <span className="text-xs text-slate-600">{t("line", { line: line.line })}</span>
                <span className="font-medium text-slate-900 [overflow-wrap:anywhere]">
                  {line.address || "—"}
                </span>
                <span
                  className={`rounded border px-2 py-0.5 text-xs font-semibold ${tones[line.outcome]}`}
                >
                  {words.outcome}
                </span>
              </div>
              {words.details.map((detail) => (
                <p key={detail} className="text-slate-700">
                  {detail}
                </p>
              ))}
            </li>
          );
        })}
      </ul>
      {plan.counts.refused > 0 && applicable > 0 ? (
        <p className="text-sm text-slate-700">{t("refusedNote")}</p>
      ) : null}
      {applicable === 0 ? (
        <p role="status" className="text-sm font-medium text-slate-900">
          {t("nothingToDo")}
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
        <button type="button" className={buttonSecondary} onClick={onBack} disabled={busy}>
          {t("back")}
        </button>
        {applicable > 0 ? (
          <button type="button" className={buttonPrimary} onClick={onConfirm} disabled={busy}>
            {busy ? t("confirming") : t("confirm")}
          </button>
        ) : null}
      </div>
    </section>
  );
}
