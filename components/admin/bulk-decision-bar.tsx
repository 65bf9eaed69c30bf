"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition } from "react";
import { decideInBulkAction } from "@/app/admin/actions";
import type { BulkDecisionResult } from "@/lib/admin/bulk-decision";
import { BULK_LIMIT, DENIAL_REASON_LENGTH, grantableRoles } from "@/lib/admin/rules";
import { ConfirmContent } from "../ui/modal";
import { Notice } from "../ui/notice";
import { buttonPrimary, buttonSecondary, inputField } from "../ui/styles";
import { useActionMessages } from "../ui/use-action-messages";
import { AccessEndField } from "./access-end-field";
import { useAlreadyDecided } from "./use-already-decided";
import { useApprovalTerms } from "./use-approval-terms";

export type BulkReport =
  | { kind: "result"; decision: "approve" | "deny"; result: BulkDecisionResult }
  | { kind: "error"; text: string };

interface Props {
  requestIds: string[];
  /** What happened, kept by the parent so that it outlives the rows it decided. */
  onReport: (report: BulkReport) => void;
}

type Pending = { decision: "approve" } | { decision: "deny" };

/** Approve the selected requests with one role, or deny them with one reason, after a confirmation. */
export function BulkDecisionBar({ requestIds, onReport }: Props) {
  const t = useTranslations("admin.bulk");
  const tRoles = useTranslations("requests.roles");
  const messages = useActionMessages("admin");
  const tEnd = useTranslations("memberships.end");
  const router = useRouter();
  const id = useId();
  const approval = useApprovalTerms();
  const { role, end } = approval;
  const [reason, setReason] = useState("");
  const [confirm, setConfirm] = useState<Pending | null>(null);
  const [busy, startTransition] = useTransition();
  const count = requestIds.length;
  const none = count === 0;

  function confirmApproval() {
    if (approval.checkEnd()) setConfirm({ decision: "approve" });
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
          ? { decision, requestIds, ...approval.terms }
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
          <label htmlFor={`${id}-role`} className="block text-sm font-medium text-slate-800">
            {t("role")}
          </label>
          <select
            id={`${id}-role`}
            value={role}
            onChange={(event) => approval.setRole(event.target.value as typeof role)}
            className={inputField}
          >
            {grantableRoles.map((value) => (
              <option key={value} value={value}>
                {tRoles(value)}
              </option>
            ))}
          </select>
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
              : `${t("confirmApproveBody", { role: tRoles(role) })}${endSummary}`
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
