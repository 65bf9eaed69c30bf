"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { Role } from "@/lib/memberships/rules";
import { AskSupport } from "../memberships/ask-support";
import { cell, DataTable } from "../ui/data-table";
import { Notice } from "../ui/notice";
import { buttonSecondary, linkText } from "../ui/styles";
import { MemberDialog, type DialogKind, type MemberReport } from "./member-dialogs";

export interface MemberTableRow {
  id: string;
  name: string;
  email: string;
  isYou: boolean;
  role: Role;
  /** "Active", "User disabled", "Removed 3 Nov 2026"…: how things stand, written by the page. */
  since: string;
  until: string;
  /** Current access with an end date: the day it ends, written out, for the extend dialog. */
  endsOn: string | null;
  grantedBy: { text: string; href: string | null; by: string | null } | null;
  lastSignIn: string;
  active: boolean;
  disabled: boolean;
  lastAdmin: boolean;
  can: Record<DialogKind, boolean>;
}

interface Props {
  rows: MemberTableRow[];
  caption: string;
  account: { id: string; name: string };
  /** The roles the viewer may give (never above their own). */
  grantableRoles: Role[];
  /** Shown instead of the table when no member matches (what just happened stays above it). */
  empty: ReactNode;
}

const buttonSmall = `${buttonSecondary} px-2 py-1 text-xs`;

/** The members, each with what the viewer may do to them; one dialog at a time; what happened stays above the table. */
export function MembersTable({ rows, caption, account, grantableRoles, empty }: Props) {
  const t = useTranslations("memberships");
  const tRoles = useTranslations("requests.roles");
  const [open, setOpen] = useState<{ kind: DialogKind; row: MemberTableRow } | null>(null);
  const [report, setReport] = useState<MemberReport | null>(null);
  const reportRef = useRef<HTMLDivElement>(null);
  const returnFocus = useRef<HTMLButtonElement | null>(null);
  // The row (and the button pressed) may be gone after the change: focus what happened.
  useEffect(() => {
    if (report) reportRef.current?.focus();
  }, [report]);

  const opener = (kind: DialogKind, row: MemberTableRow, label: string, text: string) => (
    <button
      type="button"
      className={buttonSmall}
      aria-label={label}
      aria-haspopup="dialog"
      onClick={(event) => {
        returnFocus.current = event.currentTarget;
        setOpen({ kind, row });
      }}
    >
      {text}
    </button>
  );

  return (
    <div className="space-y-4">
      {report ? (
        <div ref={reportRef} tabIndex={-1} className="space-y-3 outline-none">
          <Notice tone={report.tone}>{report.text}</Notice>
          {report.askSupport ? (
            <AskSupport accountId={account.id} accountName={account.name} />
          ) : null}
        </div>
      ) : null}
      {rows.length === 0 ? (
        empty
      ) : (
        <DataTable
          caption={caption}
          columns={(
            [
              "name",
              "email",
              "role",
              "since",
              "until",
              "grantedBy",
              "lastSignIn",
              "actions",
            ] as const
          ).map((key) => ({ key, label: t(`members.columns.${key}`) }))}
        >
          {rows.map((row) => (
            <tr key={row.id} className={row.active ? undefined : "text-slate-600"}>
              <th scope="row" className={`${cell} text-left font-medium`}>
                {row.name}
                {row.isYou ? (
                  <span className="font-normal text-slate-700"> {t("members.you")}</span>
                ) : null}
              </th>
              <td className={`${cell} break-all`}>{row.email}</td>
              <td className={cell}>
                {tRoles(row.role)}
                {row.lastAdmin ? (
                  <span className="mt-1 block text-xs font-semibold text-amber-900">
                    {t("members.lastAdmin")}
                  </span>
                ) : null}
                {row.disabled ? (
                  <span className="mt-1 block text-xs">{t("members.disabled")}</span>
                ) : null}
              </td>
              <td className={`${cell} whitespace-nowrap`}>{row.since}</td>
              <td className={`${cell} whitespace-nowrap`}>{row.until}</td>
              <td className={cell}>
                {row.grantedBy?.href ? (
                  <Link href={row.grantedBy.href} className={linkText}>
                    {row.grantedBy.text}
                  </Link>
                ) : (
                  (row.grantedBy?.text ?? t("members.grantedByOther"))
                )}
                {row.grantedBy?.by ? (
                  <span className="block text-slate-700">{row.grantedBy.by}</span>
                ) : null}
              </td>
              <td className={`${cell} whitespace-nowrap`}>{row.lastSignIn}</td>
              <td className={cell}>
                <div className="flex flex-wrap gap-2">
                  {row.can.role
                    ? opener(
                        "role",
                        row,
                        t("actions.changeRoleOf", { name: row.name }),
                        t("actions.changeRole"),
                      )
                    : null}
                  {row.can.extend
                    ? opener(
                        "extend",
                        row,
                        t("actions.extendOf", { name: row.name }),
                        t("actions.extend"),
                      )
                    : null}
                  {row.can.remove
                    ? opener(
                        "remove",
                        row,
                        t("actions.removeOf", { name: row.name }),
                        t("actions.remove"),
                      )
                    : null}
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      {open ? (
        <MemberDialog
          kind={open.kind}
          member={open.row}
          accountName={account.name}
          grantableRoles={grantableRoles}
          returnFocusTo={returnFocus}
          onClose={() => setOpen(null)}
          onDone={(next) => {
            // The focus goes to what happened, not back to the button (whose row may be gone).
            returnFocus.current = null;
            setOpen(null);
            setReport(next);
          }}
        />
      ) : null}
    </div>
  );
}
