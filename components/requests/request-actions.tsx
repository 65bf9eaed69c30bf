"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { Suspense, useId, useRef, useState, useTransition, type FormEvent } from "react";
import {
  openSupportCaseAction,
  sendReminderAction,
  withdrawRequestAction,
} from "@/app/requests/actions";
import type { ActionResult } from "@/lib/actions/run-action";
import { SUPPORT_MESSAGE_LENGTH } from "@/lib/requests/rules";
import { lazyWithPreload } from "../ui/lazy-with-preload";
import { Notice } from "../ui/notice";
import { buttonPrimary, buttonSecondary, inputField } from "../ui/styles";
import { useActionMessages } from "../ui/use-action-messages";

// The confirmation and its dialog library (≈ 13 kB gzip) load when the requester reaches for the
// Withdraw button (hover or focus), not with the page: most visits never withdraw.
const { Component: WithdrawDialog, preload: loadWithdrawDialog } = lazyWithPreload(() =>
  import("./withdraw-dialog").then((module) => module.WithdrawDialog),
);

interface Props {
  requestId: string;
  accountName: string;
  pending: boolean;
  /** False while the reminder interval has not passed. */
  canRemind: boolean;
}

/** Send a reminder, withdraw, or open a support case about one of the requester's requests. */
export function RequestActions({ requestId, accountName, pending, canRemind }: Props) {
  const t = useTranslations("requests.list");
  const messages = useActionMessages("requests");
  const router = useRouter();
  const id = useId();
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  const withdrawButton = useRef<HTMLButtonElement>(null);
  const [caseOpen, setCaseOpen] = useState(false);
  const [caseMessage, setCaseMessage] = useState("");
  const [caseError, setCaseError] = useState<string | null>(null);
  const [busy, startTransition] = useTransition();

  function run(action: () => Promise<ActionResult<unknown>>, success: string) {
    startTransition(async () => {
      const result = await action();
      setNotice(
        result.ok
          ? { tone: "success", text: success }
          : { tone: "error", text: messages.formMessage(result) },
      );
      router.refresh();
    });
  }

  function onOpenCase(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    startTransition(async () => {
      const result = await openSupportCaseAction(requestId, caseMessage);
      if (result.ok) {
        setCaseOpen(false);
        setCaseMessage("");
        setCaseError(null);
        setNotice({ tone: "success", text: t("supportCaseOpened") });
        router.refresh();
      } else {
        setCaseError(messages.fieldMessages(result).message ?? messages.formMessage(result));
      }
    });
  }

  return (
    <div className="space-y-3">
      {notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}
      <div className="flex flex-wrap gap-3">
        {pending ? (
          <>
            <button
              type="button"
              className={buttonSecondary}
              disabled={busy || !canRemind}
              onClick={() => run(() => sendReminderAction(requestId), t("reminderSent"))}
            >
              {t("remind")}
            </button>
            <button
              ref={withdrawButton}
              type="button"
              className={buttonSecondary}
              disabled={busy}
              aria-haspopup="dialog"
              aria-expanded={confirmWithdraw}
              onPointerEnter={() => void loadWithdrawDialog()}
              onFocus={() => void loadWithdrawDialog()}
              onClick={() => setConfirmWithdraw(true)}
            >
              {t("withdraw")}
            </button>
            {confirmWithdraw ? (
              <Suspense fallback={null}>
                <WithdrawDialog
                  accountName={accountName}
                  returnFocusTo={withdrawButton}
                  onCancel={() => setConfirmWithdraw(false)}
                  onConfirm={() => {
                    setConfirmWithdraw(false);
                    run(() => withdrawRequestAction(requestId), t("withdrawn"));
                  }}
                />
              </Suspense>
            ) : null}
          </>
        ) : null}
        <button
          type="button"
          className={buttonSecondary}
          aria-expanded={caseOpen}
          aria-controls={`${id}-case`}
          onClick={() => setCaseOpen(!caseOpen)}
        >
          {t("supportCase")}
        </button>
      </div>
      {caseOpen ? (
        <form
          id={`${id}-case`}
          onSubmit={onOpenCase}
          noValidate
          className="space-y-2 rounded border border-slate-200 p-4"
        >
          <h3 className="font-semibold">{t("supportCaseTitle")}</h3>
          <label
            htmlFor={`${id}-case-message`}
            className="block text-sm font-medium text-slate-800"
          >
            {t("supportCaseLabel")}
          </label>
          <textarea
            id={`${id}-case-message`}
            rows={3}
            maxLength={SUPPORT_MESSAGE_LENGTH.max}
            value={caseMessage}
            onChange={(event) => setCaseMessage(event.target.value)}
            aria-invalid={caseError ? true : undefined}
            aria-describedby={caseError ? `${id}-case-error` : undefined}
            className={inputField}
          />
          {caseError ? (
            <p id={`${id}-case-error`} role="alert" className="text-sm text-red-700">
              {caseError}
            </p>
          ) : null}
          <button type="submit" className={buttonPrimary} disabled={busy}>
            {t("supportCaseSend")}
          </button>
        </form>
      ) : null}
    </div>
  );
}
