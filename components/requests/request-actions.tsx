"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition, type FormEvent } from "react";
import { openSupportCaseAction, sendReminderAction, withdrawRequestAction } from "@/app/requests/actions";
import type { ActionResult } from "@/lib/actions/run-action";
import { Notice } from "../ui/notice";
import { buttonPrimary, buttonSecondary, inputField } from "../ui/styles";
import { useActionMessages } from "../ui/use-action-messages";

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
  const [caseOpen, setCaseOpen] = useState(false);
  const [caseMessage, setCaseMessage] = useState("");
  const [caseError, setCaseError] = useState<string | null>(null);
  const [busy, startTransition] = useTransition();

  function run(action: () => Promise<ActionResult<unknown>>, success: string) {
    startTransition(async () => {
      const result = await action();
      setNotice(result.ok ? { tone: "success", text: success } : { tone: "error", text: messages.formMessage(result) });
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
            <button type="button" className={buttonSecondary} disabled={busy || !canRemind} onClick={() => run(() => sendReminderAction(requestId), t("reminderSent"))}>
              {t("remind")}
            </button>
            <Dialog.Root open={confirmWithdraw} onOpenChange={setConfirmWithdraw}>
              <Dialog.Trigger className={buttonSecondary} disabled={busy}>{t("withdraw")}</Dialog.Trigger>
              <Dialog.Portal>
                <Dialog.Overlay className="fixed inset-0 z-40 bg-slate-900/50" />
                <Dialog.Content className="fixed left-1/2 top-1/2 z-50 w-[28rem] max-w-[95vw] -translate-x-1/2 -translate-y-1/2 rounded-lg bg-white p-6 shadow-xl">
                  <Dialog.Title className="text-lg font-semibold">{accountName}</Dialog.Title>
                  <Dialog.Description className="mt-2 text-slate-700">{t("withdrawConfirm")}</Dialog.Description>
                  <div className="mt-6 flex justify-end gap-3">
                    <Dialog.Close asChild>
                      <button type="button" className={buttonSecondary}>{t("withdrawNo")}</button>
                    </Dialog.Close>
                    <button
                      type="button"
                      className={buttonPrimary}
                      onClick={() => {
                        setConfirmWithdraw(false);
                        run(() => withdrawRequestAction(requestId), t("withdrawn"));
                      }}
                    >
                      {t("withdrawYes")}
                    </button>
                  </div>
                </Dialog.Content>
              </Dialog.Portal>
            </Dialog.Root>
          </>
        ) : null}
        <button type="button" className={buttonSecondary} aria-expanded={caseOpen} aria-controls={`${id}-case`} onClick={() => setCaseOpen(!caseOpen)}>
          {t("supportCase")}
        </button>
      </div>
      {caseOpen ? (
        <form id={`${id}-case`} onSubmit={onOpenCase} noValidate className="space-y-2 rounded border border-slate-200 p-4">
          <h3 className="font-semibold">{t("supportCaseTitle")}</h3>
          <label htmlFor={`${id}-case-message`} className="block text-sm font-medium text-slate-800">{t("supportCaseLabel")}</label>
          <textarea
            id={`${id}-case-message`}
            rows={3}
            maxLength={2000}
            value={caseMessage}
            onChange={(event) => setCaseMessage(event.target.value)}
            aria-invalid={caseError ? true : undefined}
            aria-describedby={caseError ? `${id}-case-error` : undefined}
            className={inputField}
          />
          {caseError ? <p id={`${id}-case-error`} role="alert" className="text-sm text-red-700">{caseError}</p> : null}
          <button type="submit" className={buttonPrimary} disabled={busy}>{t("supportCaseSend")}</button>
        </form>
      ) : null}
    </div>
  );
}
