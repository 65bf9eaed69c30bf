"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type ReactNode } from "react";
import type { Role } from "@/lib/memberships/rules";
import type { Access } from "@/lib/virtual-accounts/scope";
import type { TreeNode } from "@/lib/virtual-accounts/tree";
import { AskSupport } from "../memberships/ask-support";
import { cell, DataTable } from "../ui/data-table";
import { Notice } from "../ui/notice";
import { buttonSecondary, linkText } from "../ui/styles";
import {
  GrantDialog,
  type GrantDialogKind,
  type MemberGrant,
  type ViewerVirtualAccount,
} from "./grant-dialogs";
import { ChangeScopeDialog } from "./change-scope-dialog";
import { MemberDialog, type DialogKind, type MemberReport } from "./member-dialogs";

export interface MemberTableRow {
  id: string;
  name: string;
  email: string;
  isYou: boolean;
  role: Role;
  /** What the membership gives, in words (describeAccess): one line per virtual account, or the Smart Account role. */
  scope: { entireAccount: boolean; lines: string[]; beyondBranch: boolean };
  /** Its grants the viewer sees (a membership of selected virtual accounts). */
  grants: MemberGrant[];
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
  /** What the viewer may do: the dialogs of member-dialogs.tsx, and the grants' (grant-dialogs.tsx). */
  can: Record<DialogKind | "grants", boolean>;
}

interface Props {
  rows: MemberTableRow[];
  caption: string;
  account: { id: string; name: string };
  /** The Smart Account roles the viewer may give (never above their own; none for a Virtual Account Administrator). */
  grantableRoles: Role[];
  /** The virtual accounts the viewer manages (gives roles on), with their paths in words. */
  virtualAccounts: ViewerVirtualAccount[];
  /**
   * The account's tree, for a Smart Account Administrator's "Change scope" (issue 27); null (the
   * default) for anyone else: a Virtual Account Administrator changes roles inside their branch only.
   */
  tree?: TreeNode[] | null;
  /** Shown instead of the table when no member matches (what just happened stays above it). */
  empty: ReactNode;
}

/** What a row's membership gives now, as the scope picker takes it. */
function accessOfRow(row: MemberTableRow): Access {
  return row.scope.entireAccount
    ? { scope: "ACCOUNT", role: row.role }
    : {
        scope: "VIRTUAL_ACCOUNTS",
        grants: row.grants.map(({ virtualAccountId, role, includeSubAccounts }) => ({
          virtualAccountId,
          role,
          includeSubAccounts,
        })),
      };
}

const buttonSmall = `${buttonSecondary} px-2 py-1 text-xs`;

/** The members, each with what the viewer may do to them; one dialog at a time; what happened stays above the table. */
export function MembersTable({
  rows,
  caption,
  account,
  grantableRoles,
  virtualAccounts,
  tree = null,
  empty,
}: Props) {
  const t = useTranslations("memberships");
  const [open, setOpen] = useState<{ kind: DialogKind; row: MemberTableRow } | null>(null);
  const [grantOpen, setGrantOpen] = useState<{
    kind: GrantDialogKind;
    row: MemberTableRow | null;
    grant: MemberGrant | null;
  } | null>(null);
  const [scopeOpen, setScopeOpen] = useState<MemberTableRow | null>(null);
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

  const grantOpener = (
    kind: GrantDialogKind,
    row: MemberTableRow | null,
    grant: MemberGrant | null,
    label: string,
    text: string,
  ) => (
    <button
      type="button"
      className={buttonSmall}
      aria-label={label}
      aria-haspopup="dialog"
      onClick={(event) => {
        returnFocus.current = event.currentTarget;
        setGrantOpen({ kind, row, grant });
      }}
    >
      {text}
    </button>
  );
  const done = (next: MemberReport) => {
    // The focus goes to what happened, not back to the button (whose row may be gone).
    returnFocus.current = null;
    setOpen(null);
    setGrantOpen(null);
    setScopeOpen(null);
    setReport(next);
  };

  return (
    <div className="space-y-4">
      {virtualAccounts.length > 0 ? (
        <p>{grantOpener("add", null, null, t("grants.addPerson"), t("grants.addPerson"))}</p>
      ) : null}
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
              "scope",
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
              <td className={`${cell} min-w-44 break-all`}>{row.email}</td>
              <td className={cell}>
                {row.scope.entireAccount ? (
                  <span className="block text-slate-700">{t("members.entireAccount")}</span>
                ) : null}
                {row.grants.length > 0 ? (
                  <ul className="space-y-2">
                    {row.grants.map((grant) => (
                      <li key={grant.virtualAccountId}>
                        <span className="block">{grant.line}</span>
                        {row.can.grants ? (
                          <span className="mt-1 flex flex-wrap gap-2">
                            {grantOpener(
                              "change",
                              row,
                              grant,
                              t("grants.changeOf", { name: row.name, path: grant.path }),
                              t("grants.change"),
                            )}
                            {grantOpener(
                              "remove",
                              row,
                              grant,
                              t("grants.removeOf", { name: row.name, path: grant.path }),
                              t("grants.remove"),
                            )}
                          </span>
                        ) : null}
                      </li>
                    ))}
                  </ul>
                ) : (
                  row.scope.lines.map((line) => (
                    <span key={line} className="block">
                      {line}
                    </span>
                  ))
                )}
                {row.scope.beyondBranch ? (
                  <span className="mt-1 block text-xs text-slate-700">
                    {t("members.beyondBranch")}
                  </span>
                ) : null}
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
                  {tree && row.can.remove && grantableRoles.length > 0 ? (
                    <button
                      type="button"
                      className={buttonSmall}
                      aria-label={t("grants.changeScopeOf", { name: row.name })}
                      aria-haspopup="dialog"
                      onClick={(event) => {
                        returnFocus.current = event.currentTarget;
                        setScopeOpen(row);
                      }}
                    >
                      {t("grants.changeScope")}
                    </button>
                  ) : null}
                  {row.can.grants && virtualAccounts.length > 0
                    ? grantOpener(
                        "add",
                        row,
                        null,
                        t("grants.addOf", { name: row.name }),
                        t("grants.add"),
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
          onDone={done}
        />
      ) : null}
      {scopeOpen && tree ? (
        <ChangeScopeDialog
          member={scopeOpen}
          current={accessOfRow(scopeOpen)}
          roles={grantableRoles}
          tree={tree}
          returnFocusTo={returnFocus}
          onClose={() => setScopeOpen(null)}
          onDone={done}
        />
      ) : null}
      {grantOpen ? (
        <GrantDialog
          kind={grantOpen.kind}
          accountId={account.id}
          member={grantOpen.row}
          grant={grantOpen.grant}
          virtualAccounts={virtualAccounts}
          returnFocusTo={returnFocus}
          onClose={() => setGrantOpen(null)}
          onDone={done}
        />
      ) : null}
    </div>
  );
}
