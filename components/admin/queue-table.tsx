"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type ReactNode } from "react";
import { DataTable } from "../ui/data-table";
import { EscalatedBadge, StatusBadge } from "../ui/status-badge";
import { BulkDecisionBar, BulkDecisionReport, type BulkReport } from "./bulk-decision-bar";

export interface QueueTableRow {
  id: string;
  accountId: string;
  requesterName: string;
  requesterEmail: string;
  company: string;
  accountName: string;
  reason: string;
  submitted: string;
  age: string;
  status: string;
  escalated: boolean;
}

interface Props {
  rows: QueueTableRow[];
  caption: string;
  /** False for read-only users: no checkboxes, no bulk bar. */
  canDecide: boolean;
  /** Shown instead of the table when there are no rows. */
  empty: ReactNode;
}

/** The queue as a table; pending rows can be selected for a bulk decision. */
export function QueueTable({ rows, caption, canDecide, empty }: Props) {
  const t = useTranslations("admin.queue");
  const tStatus = useTranslations("requests.status");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [report, setReport] = useState<BulkReport | null>(null);
  const reportRef = useRef<HTMLDivElement>(null);
  // After a bulk decision the rows (and the button pressed) may be gone: focus what happened.
  useEffect(() => {
    if (report) reportRef.current?.focus();
  }, [report]);
  const selectable = canDecide
    ? rows.filter((row) => row.status === "PENDING").map((row) => row.id)
    : [];
  // Rows decided since (a refresh) drop out of the selection.
  const chosen = selectable.filter((rowId) => selected.has(rowId));
  const allChosen = selectable.length > 0 && chosen.length === selectable.length;

  function toggle(rowId: string, on: boolean) {
    const next = new Set(selected);
    if (on) next.add(rowId);
    else next.delete(rowId);
    setSelected(next);
  }

  return (
    <div className="space-y-4">
      {report ? (
        <div ref={reportRef} tabIndex={-1} className="outline-none">
          <BulkDecisionReport report={report} />
        </div>
      ) : null}
      {selectable.length > 0 ? (
        <BulkDecisionBar
          requestIds={chosen}
          accountIds={[
            ...new Set(rows.filter((row) => chosen.includes(row.id)).map((row) => row.accountId)),
          ]}
          onReport={(next) => {
            setReport(next);
            if (next.kind === "result") setSelected(new Set());
          }}
        />
      ) : null}
      {rows.length === 0 ? (
        empty
      ) : (
        <DataTable
          caption={caption}
          columns={[
            ...(selectable.length > 0
              ? [
                  {
                    key: "select",
                    className: "w-10",
                    label: (
                      <input
                        type="checkbox"
                        aria-label={t("selectAll")}
                        checked={allChosen}
                        onChange={(event) =>
                          setSelected(new Set(event.target.checked ? selectable : []))
                        }
                        className="h-4 w-4 accent-brand-600"
                      />
                    ),
                  },
                ]
              : []),
            ...(["requester", "company", "account", "reason", "submitted", "status"] as const).map(
              (key) => ({ key, label: t(`columns.${key}`) }),
            ),
          ]}
        >
          {rows.map((row) => (
            <tr key={row.id} className={selected.has(row.id) ? "bg-brand-50" : undefined}>
              {selectable.length > 0 ? (
                <td className="px-3 py-2 align-top">
                  {row.status === "PENDING" ? (
                    <input
                      type="checkbox"
                      aria-label={t("selectRow", { name: row.requesterName })}
                      checked={selected.has(row.id)}
                      onChange={(event) => toggle(row.id, event.target.checked)}
                      className="h-4 w-4 accent-brand-600"
                    />
                  ) : null}
                </td>
              ) : null}
              <td className="px-3 py-2 align-top">
                <Link
                  href={`/admin/requests/${row.id}`}
                  aria-label={t("open", { name: row.requesterName })}
                  className="font-medium text-brand-700 underline underline-offset-2 hover:text-brand-800"
                >
                  {row.requesterName}
                </Link>
                <span className="block break-all text-slate-700">{row.requesterEmail}</span>
              </td>
              <td className="px-3 py-2 align-top text-slate-800">{row.company}</td>
              <td className="px-3 py-2 align-top text-slate-800">{row.accountName}</td>
              <td className="max-w-56 px-3 py-2 align-top text-slate-800">
                <span className="line-clamp-3" title={row.reason}>
                  {row.reason}
                </span>
              </td>
              <td className="whitespace-nowrap px-3 py-2 align-top text-slate-800">
                {row.submitted}
                <span className="block text-slate-600">{row.age}</span>
              </td>
              <td className="px-3 py-2 align-top">
                <div className="flex flex-col items-start gap-1">
                  <StatusBadge status={row.status} label={tStatus(row.status as "PENDING")} />
                  {row.escalated ? <EscalatedBadge label={t("escalated")} /> : null}
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
