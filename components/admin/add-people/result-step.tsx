"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import type { ImportResult } from "@/lib/members-import/commit";
import { buttonPrimary, buttonSecondary } from "../../ui/styles";

interface Props {
  result: Pick<ImportResult, "counts" | "csv" | "replayed">;
  onClose: () => void;
}

/** What the confirmed import did, with its lines as a CSV file to download; focused on arrival. */
export function ResultStep({ result, onClose }: Props) {
  const t = useTranslations("membersImport.dialog");
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  // The file is made when asked for, and its address let go once the browser has it.
  function download() {
    const url = URL.createObjectURL(new Blob([result.csv], { type: "text/csv;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = t("downloadName");
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
  const counts = [
    ["resultAdded", result.counts.added],
    ["resultChanged", result.counts.changed],
    ["resultUnchanged", result.counts.unchanged],
    ["resultRefused", result.counts.refused],
  ] as const;

  return (
    <section aria-labelledby="add-people-result" className="mt-4 space-y-4">
      <h3
        id="add-people-result"
        ref={heading}
        tabIndex={-1}
        className="text-base font-semibold text-slate-900 focus:outline-none"
      >
        {t("resultHeading")}
      </h3>
      {result.replayed ? <p className="text-sm text-slate-700">{t("replayed")}</p> : null}
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {counts.map(([key, count]) => (
          <div key={key} className="rounded-md border border-slate-200 p-3">
            <dt className="text-xs text-slate-700">{t(key)}</dt>
            <dd className="text-xl font-semibold text-slate-900">{count}</dd>
          </div>
        ))}
      </dl>
      <p className="text-sm text-slate-700">{t("resultEmailed")}</p>
      <div className="flex flex-col-reverse gap-3 sm:flex-row sm:justify-end">
        <button type="button" className={buttonSecondary} onClick={download}>
          {t("download")}
        </button>
        <button type="button" className={buttonPrimary} onClick={onClose}>
          {t("close")}
        </button>
      </div>
    </section>
  );
}
