"use client";

import * as Dialog from "@radix-ui/react-dialog";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, useTransition, type ReactNode } from "react";
import { leaveAccountAction } from "@/app/accounts/actions";
import type { Role } from "@/lib/memberships/rules";
import { AskSupport } from "../memberships/ask-support";
import { cell, DataTable } from "../ui/data-table";
import { ConfirmContent } from "../ui/modal";
import { Notice } from "../ui/notice";
import { buttonSecondary, linkText } from "../ui/styles";
import { useActionMessages } from "../ui/use-action-messages";

export interface MyAccountRow {
  accountId: string;
  accountName: string;
  inactiveAccount: boolean;
  /** The Smart Account role (a placeholder when `virtualAccounts` is set: not shown). */
  role: Role;
  /** Access to virtual accounts only: each in words ("Engineering: Virtual Account User"). */
  virtualAccounts: string[] | null;
  since: string;
  until: string;
  /** The account's only active administrator: may not leave. */
  lastAdmin: boolean;
  /** Administers it: a link to its Members page. */
  membersHref: string | null;
}

type Report = {
  tone: "success" | "error";
  text: string;
  lastAdminOf?: { id: string; name: string };
};

/** The accounts the person belongs to; each can be left after a confirmation, but by its only administrator. */
export function MyAccountsTable({
  rows,
  caption,
  empty,
}: {
  rows: MyAccountRow[];
  caption: string;
  empty: ReactNode;
}) {
  const t = useTranslations("memberships.accounts");
  const tRoles = useTranslations("requests.roles");
  const tScope = useTranslations("memberships.scope");
  const messages = useActionMessages("memberships");
  const router = useRouter();
  const [leaving, setLeaving] = useState<MyAccountRow | null>(null);
  const [report, setReport] = useState<Report | null>(null);
  const reportRef = useRef<HTMLDivElement>(null);
  const returnFocus = useRef<HTMLButtonElement | null>(null);
  const [busy, startTransition] = useTransition();
  useEffect(() => {
    if (report) reportRef.current?.focus();
  }, [report]);

  function leave(row: MyAccountRow) {
    setLeaving(null);
    startTransition(async () => {
      const result = await leaveAccountAction(row.accountId);
      if (result.ok) {
        setReport({ tone: "success", text: t("left", { account: row.accountName }) });
        router.refresh();
        return;
      }
      const lastAdmin = (result.details as { reason?: string }).reason === "lastAdmin";
      setReport({
        tone: "error",
        text: messages.formMessage(result),
        lastAdminOf: lastAdmin ? { id: row.accountId, name: row.accountName } : undefined,
      });
    });
  }

  return (
    <div className="space-y-4">
      {report ? (
        <div ref={reportRef} tabIndex={-1} className="space-y-3 outline-none">
          <Notice tone={report.tone}>{report.text}</Notice>
          {report.lastAdminOf ? (
            <AskSupport accountId={report.lastAdminOf.id} accountName={report.lastAdminOf.name} />
          ) : null}
        </div>
      ) : null}
      {/* What happened stays on screen when it was the last account: the table gives way to `empty` below it. */}
      {rows.length === 0 ? (
        empty
      ) : (
        <DataTable
          caption={caption}
          columns={(["account", "role", "since", "until", "actions"] as const).map((key) => ({
            key,
            label: t(`columns.${key}`),
          }))}
        >
          {rows.map((row) => (
            <tr key={row.accountId}>
              <th scope="row" className={`${cell} text-left font-medium`}>
                {row.accountName}
                {row.inactiveAccount ? (
                  <span className="font-normal text-slate-700"> ({t("inactiveAccount")})</span>
                ) : null}
              </th>
              <td className={cell}>
                {row.virtualAccounts ? (
                  <>
                    <span className="sr-only">{tScope("selected")}: </span>
                    <ul className="space-y-1">
                      {row.virtualAccounts.map((line) => (
                        <li key={line}>{line}</li>
                      ))}
                    </ul>
                  </>
                ) : (
                  tRoles(row.role)
                )}
              </td>
              <td className={`${cell} whitespace-nowrap`}>{row.since}</td>
              <td className={`${cell} whitespace-nowrap`}>{row.until}</td>
              <td className={cell}>
                <div className="flex flex-wrap items-center gap-3">
                  {row.membersHref ? (
                    <Link href={row.membersHref} className={linkText}>
                      {t("manageMembers", { account: row.accountName })}
                    </Link>
                  ) : null}
                  {row.lastAdmin ? (
                    <span className="text-sm text-slate-700">
                      {t("lastAdmin", { account: row.accountName })}
                    </span>
                  ) : (
                    <button
                      type="button"
                      className={`${buttonSecondary} px-2 py-1 text-xs`}
                      aria-label={t("leaveOf", { account: row.accountName })}
                      aria-haspopup="dialog"
                      disabled={busy}
                      onClick={(event) => {
                        returnFocus.current = event.currentTarget;
                        setLeaving(row);
                      }}
                    >
                      {t("leave")}
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <Dialog.Root
        open={leaving !== null}
        onOpenChange={(open) => (open ? undefined : setLeaving(null))}
      >
        <ConfirmContent
          title={leaving ? t("leaveTitle", { account: leaving.accountName }) : ""}
          description={leaving ? t("leaveBody", { account: leaving.accountName }) : ""}
          cancelLabel={t("leaveNo")}
          confirmLabel={t("leaveYes")}
          onConfirm={() => leaving && leave(leaving)}
          returnFocusTo={returnFocus}
        />
      </Dialog.Root>
    </div>
  );
}
