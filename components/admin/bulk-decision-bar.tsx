"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId, useState, useTransition } from "react";
import { decideInBulkAction, virtualAccountTreeAction } from "@/app/admin/actions";
import type { BulkDecisionResult } from "@/lib/admin/bulk-decision";
import { BULK_LIMIT, DENIAL_REASON_LENGTH, grantableRoles } from "@/lib/admin/rules";
import type { TreeNode } from "@/lib/virtual-accounts/tree";
import { ConfirmContent } from "../ui/modal";
import { Notice } from "../ui/notice";
import { buttonPrimary, buttonSecondary, inputField } from "../ui/styles";
import { useActionMessages } from "../ui/use-action-messages";
import { describeAccess } from "@/lib/virtual-accounts/describe";
import { AccessPicker, pathInTree } from "../virtual-accounts/access-picker";
import { AccessEndField } from "./access-end-field";
import { useAlreadyDecided } from "./use-already-decided";
import { entireAccountAsUser, useApprovalTerms } from "./use-approval-terms";

export type BulkReport =
  | { kind: "result"; decision: "approve" | "deny"; result: BulkDecisionResult }
  | { kind: "error"; text: string };

interface Props {
  requestIds: string[];
  /** The accounts of the selected requests (each once): virtual accounts are offered for one only. */
  accountIds: string[];
  /** What happened, kept by the parent so that it outlives the rows it decided. */
  onReport: (report: BulkReport) => void;
}

type Pending = { decision: "approve" } | { decision: "deny" };

/**
 * Approve the selected requests with one access (the entire account with a role; or, when they are
 * all of one account, chosen virtual accounts of it), or deny them with one reason, after a
 * confirmation.
 */
export function BulkDecisionBar({ requestIds, accountIds, onReport }: Props) {
  const t = useTranslations("admin.bulk");
  const tRoles = useTranslations("requests.roles");
  const tDecision = useTranslations("admin.decision");
  const tScope = useTranslations("memberships.scope");
  const tAll = useTranslations();
  const messages = useActionMessages("admin");
  const tEnd = useTranslations("memberships.end");
  const router = useRouter();
  const id = useId();
  const approval = useApprovalTerms();
  const { end } = approval;
  // Virtual accounts are an account's own: offered when the selection is of one account, from its
  // tree, read when that account is first selected.
  const single = (accountIds.length === 1 && accountIds[0]) || null;
  const [trees, setTrees] = useState<Record<string, TreeNode[] | null>>({});
  const [accessAccount, setAccessAccount] = useState<string | null>(null);
  useEffect(() => {
    if (!single || single in trees) return;
    let current = true;
    void virtualAccountTreeAction(single).then((result) => {
      if (current) setTrees((known) => ({ ...known, [single]: result.ok ? result.data : null }));
    });
    return () => {
      current = false;
    };
  }, [single, trees]);
  const tree = single ? (trees[single] ?? null) : null;
  // Virtual accounts chosen for another account (the selection changed since) are not given.
  const access =
    approval.access.scope === "VIRTUAL_ACCOUNTS" && (!tree || accessAccount !== single)
      ? entireAccountAsUser
      : approval.access;
  const unavailableHint =
    single === null
      ? tDecision("scopeOneAccount")
      : single in trees
        ? undefined
        : tScope("picker.loading");
  const [reason, setReason] = useState("");
  const [confirm, setConfirm] = useState<Pending | null>(null);
  const [busy, startTransition] = useTransition();
  const count = requestIds.length;
  const none = count === 0;

  function confirmApproval() {
    if (approval.check(access)) setConfirm({ decision: "approve" });
  }

  /** "Access ends …", said in the confirmation when the approval gives time-bound access. */
  const endSummary =
    end.choice === "none"
      ? ""
      : ` ${tEnd("legend")}: ${end.choice === "date" ? end.date : tEnd("days", { days: Number(end.choice) })}.`;

  function run(decision: "approve" | "deny") {
    setConfirm(null);
    startTransition(async () => {
      const result = await decideInBulkAction(
        decision === "approve"
          ? { decision, requestIds, ...approval.terms(access) }
          : { decision, requestIds, reason },
      );
      if (result.ok) {
        onReport({ kind: "result", decision, result: result.data });
        router.refresh();
      } else {
        const fields = messages.fieldMessages(result);
        onReport({
          kind: "error",
          text:
            fields.reason ??
            fields.requestIds ??
            approval.scopeRefusal(result) ??
            approval.endRefusal(result) ??
            messages.formMessage(result),
        });
      }
    });
  }

  return (
    <section
      aria-labelledby={`${id}-title`}
      className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 shadow-sm"
    >
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={`${id}-title`} className="font-semibold">
          {t("title")}
        </h2>
        <p aria-live="polite" className="text-sm font-medium text-slate-800">
          {none ? t("noneSelected") : t("selected", { count })}
        </p>
      </div>
      <p className="text-sm text-slate-700">{t("hint", { max: BULK_LIMIT })}</p>
      <div className="grid gap-4 md:grid-cols-2">
        <div className="space-y-2">
          {/* Keyed by the account: what it remembers of another account's virtual accounts goes. */}
          <AccessPicker
            key={single ?? "several"}
            id={`${id}-access`}
            value={access}
            onChange={(next) => {
              approval.setAccess(next);
              setAccessAccount(single);
            }}
            roles={grantableRoles}
            tree={tree}
            unavailableHint={unavailableHint}
            error={approval.accessError}
          />
          <AccessEndField
            id={`${id}-approve`}
            value={end}
            onChange={approval.setEnd}
            error={approval.endError}
          />
          <button
            type="button"
            className={buttonPrimary}
            disabled={none || busy}
            onClick={() => confirmApproval()}
          >
            {busy ? t("working") : t("approve")}
          </button>
        </div>
        <div className="space-y-2">
          <label htmlFor={`${id}-reason`} className="block text-sm font-medium text-slate-800">
            {t("reason")}
          </label>
          <input
            id={`${id}-reason`}
            type="text"
            maxLength={DENIAL_REASON_LENGTH.max}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            className={inputField}
          />
          <button
            type="button"
            className={buttonSecondary}
            disabled={none || busy}
            onClick={() => setConfirm({ decision: "deny" })}
          >
            {busy ? t("working") : t("deny")}
          </button>
        </div>
      </div>
      <Dialog.Root
        open={confirm !== null}
        onOpenChange={(open) => (open ? undefined : setConfirm(null))}
      >
        <ConfirmContent
          title={
            confirm?.decision === "deny"
              ? t("confirmDenyTitle", { count })
              : t("confirmApproveTitle", { count })
          }
          description={
            confirm?.decision === "deny"
              ? t("confirmDenyBody")
              : `${
                  access.scope === "ACCOUNT"
                    ? t("confirmApproveBody", { role: tRoles(access.role) })
                    : tDecision("confirmVirtualAccounts", {
                        list: describeAccess(
                          // describeAccess builds its keys at run time: next-intl's typed keys cannot follow.
                          (key, values) => tAll(key as never, values as never),
                          {
                            scope: "VIRTUAL_ACCOUNTS",
                            grants: access.grants.map((grant) => ({
                              ...grant,
                              path: pathInTree(tree ?? [], grant.virtualAccountId),
                            })),
                          },
                        ).join("; "),
                      })
                }${endSummary}`
          }
          cancelLabel={t("cancel")}
          confirmLabel={t("confirm")}
          onConfirm={() => confirm && run(confirm.decision)}
        />
      </Dialog.Root>
    </section>
  );
}

/** The outcome of a bulk decision: how many were decided, which were already decided and by whom. */
export function BulkDecisionReport({ report }: { report: BulkReport }) {
  const t = useTranslations("admin.bulk");
  const tErrors = useTranslations("admin.errors");
  const alreadyDecided = useAlreadyDecided();
  if (report.kind === "error") return <Notice tone="error">{report.text}</Notice>;
  const { result, decision } = report;
  return (
    <Notice
      tone={
        result.alreadyDecided.length || result.refused.length || result.notFound.length
          ? "warning"
          : "success"
      }
    >
      <p>{t(decision === "approve" ? "approved" : "denied", { count: result.decided.length })}</p>
      {result.alreadyDecided.length ? (
        <>
          <p className="mt-2">
            {t("alreadyDecidedTitle", { count: result.alreadyDecided.length })}
          </p>
          <ul className="ml-5 list-disc">
            {result.alreadyDecided.map((item) => (
              <li key={item.requestId}>
                {item.requesterName}: {alreadyDecided(item)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {result.refused.length ? (
        <>
          <p className="mt-2">{t("refusedTitle", { count: result.refused.length })}</p>
          <ul className="ml-5 list-disc">
            {result.refused.map((item) => (
              <li key={item.requestId}>
                {item.requesterName}: {tErrors(item.reason)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {result.notFound.length ? (
        <p className="mt-2">{t("notFound", { count: result.notFound.length })}</p>
      ) : null}
    </Notice>
  );
}
