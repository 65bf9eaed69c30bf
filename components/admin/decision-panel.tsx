"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import {
  useEffect,
  useId,
  useRef,
  useState,
  useTransition,
  type FormEvent,
  type ReactNode,
} from "react";
import { approveRequestAction, denyRequestAction } from "@/app/admin/actions";
import { denialReasonErrorCode, grantableRoles } from "@/lib/admin/rules";
import type { TreeNode } from "@/lib/virtual-accounts/tree";
import { Notice } from "../ui/notice";
import { buttonPrimary, buttonSecondary, inputField } from "../ui/styles";
import { useActionMessages } from "../ui/use-action-messages";
import { AccessPicker } from "../virtual-accounts/access-picker";
import { AccessEndField } from "./access-end-field";
import { useAlreadyDecided } from "./use-already-decided";
import { useApprovalTerms } from "./use-approval-terms";

interface Props {
  requestId: string;
  requesterName: string;
  /** The account's virtual accounts, for approving some of them only; null: the entire account only. */
  tree: TreeNode[] | null;
  /** False once decided (by anyone): no more forms. */
  pending: boolean;
  /** How the request was decided, shown once it is no longer pending. */
  summary: ReactNode;
}

type Outcome = { tone: "success" | "warning" | "error"; text: string };

/**
 * Approve for the entire account with a role or for chosen virtual accounts, or deny with an optional reason. It stays mounted when the page refreshes
 * after a decision, so the outcome it announced (and focused) stays on screen.
 */
export function DecisionPanel({ requestId, requesterName, tree, pending, summary }: Props) {
  const t = useTranslations("admin.decision");
  const tRoles = useTranslations("requests.roles");
  const messages = useActionMessages("admin");
  const alreadyDecided = useAlreadyDecided();
  const router = useRouter();
  const id = useId();
  const outcomeRef = useRef<HTMLDivElement>(null);
  const approval = useApprovalTerms();
  const { access } = approval;
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [busy, setBusy] = useState<"approve" | "deny" | null>(null);
  const [, startTransition] = useTransition();

  function decide(kind: "approve" | "deny") {
    setBusy(kind);
    startTransition(async () => {
      const result =
        kind === "approve"
          ? await approveRequestAction({ requestId, ...approval.terms() })
          : await denyRequestAction({ requestId, reason });
      setBusy(null);
      if (result.ok) {
        setOutcome({
          tone: "success",
          text:
            kind === "approve"
              ? access.scope === "ACCOUNT"
                ? t("approved", { name: requesterName, role: tRoles(access.role) })
                : t("approvedVirtualAccounts", {
                    name: requesterName,
                    count: access.grants.length,
                  })
              : t("denied", { name: requesterName }),
        });
      } else if (result.code === "CONFLICT" && result.details.status) {
        setOutcome({ tone: "warning", text: alreadyDecided(result.details) });
      } else if (result.code === "VALIDATION" && messages.fieldMessages(result).reason) {
        setReasonError(messages.fieldMessages(result).reason!);
        return;
      } else if (kind === "approve" && approval.scopeRefusal(result)) {
        approval.setAccessError(approval.scopeRefusal(result)!);
        return;
      } else if (result.code === "VALIDATION" && kind === "approve") {
        approval.setEndError(approval.endRefusal(result) ?? messages.formMessage(result));
        return;
      } else {
        setOutcome({ tone: "error", text: messages.formMessage(result) });
        return;
      }
      router.refresh();
    });
  }

  // The forms the focus was in are gone once decided: move it to what happened.
  useEffect(() => {
    if (outcome) outcomeRef.current?.focus();
  }, [outcome]);

  function onApprove(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (approval.check()) decide("approve");
  }

  function onDeny(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const reasonErrorCode = denialReasonErrorCode(reason);
    if (reasonErrorCode) {
      setReasonError(messages.fieldMessage(reasonErrorCode));
      return;
    }
    setReasonError(null);
    decide("deny");
  }

  return (
    <section aria-labelledby={`${id}-title`} className="space-y-4">
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {t("title")}
      </h2>
      {outcome ? (
        <div ref={outcomeRef} tabIndex={-1} className="outline-none">
          <Notice tone={outcome.tone}>{outcome.text}</Notice>
        </div>
      ) : null}
      {!pending && outcome?.tone !== "success" && outcome?.tone !== "warning" ? summary : null}
      {pending && outcome?.tone !== "success" && outcome?.tone !== "warning" ? (
        <>
          <form
            onSubmit={onApprove}
            noValidate
            className="space-y-3 rounded-md border border-slate-200 p-4"
          >
            <AccessPicker
              id={id}
              value={access}
              onChange={approval.setAccess}
              roles={grantableRoles}
              tree={tree}
              error={approval.accessError}
            />
            <AccessEndField
              id={`${id}-approve`}
              value={approval.end}
              onChange={approval.setEnd}
              error={approval.endError}
            />
            <button type="submit" className={buttonPrimary} disabled={busy !== null}>
              {busy === "approve" ? t("approving") : t("approve")}
            </button>
          </form>
          <form
            onSubmit={onDeny}
            noValidate
            className="space-y-2 rounded-md border border-slate-200 p-4"
          >
            <label htmlFor={`${id}-reason`} className="block font-semibold text-slate-900">
              {t("reason")}
            </label>
            <textarea
              id={`${id}-reason`}
              rows={3}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={`${id}-reason-counter${reasonError ? ` ${id}-reason-error` : ""}`}
              className={inputField}
            />
            <p id={`${id}-reason-counter`} className="text-xs text-slate-600">
              {t("reasonCounter", { count: reason.trim().length })}
            </p>
            {reasonError ? (
              <p id={`${id}-reason-error`} role="alert" className="text-sm text-red-700">
                {reasonError}
              </p>
            ) : null}
            <button type="submit" className={buttonSecondary} disabled={busy !== null}>
              {busy === "deny" ? t("denying") : t("deny")}
            </button>
          </form>
        </>
      ) : null}
    </section>
  );
}
