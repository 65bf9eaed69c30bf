"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useRef, useState, useTransition, type FormEvent } from "react";
import { addCaseNoteAction, closeCaseAction } from "@/app/support/actions";
import { CASE_NOTE_LENGTH, caseNoteErrorCode } from "@/lib/support/rules";
import { ConfirmContent } from "../ui/modal";
import { Notice } from "../ui/notice";
import { buttonPrimary, buttonSecondary, inputField } from "../ui/styles";
import { useActionMessages } from "../ui/use-action-messages";

/** Add a note to a support case, and close it (after a confirmation) while it is open. */
export function CaseActions({ caseId, open }: { caseId: string; open: boolean }) {
  const t = useTranslations("support.caseActions");
  const messages = useActionMessages("support");
  const router = useRouter();
  const id = useId();
  const noteField = useRef<HTMLTextAreaElement>(null);
  const [body, setBody] = useState("");
  const [noteError, setNoteError] = useState<string | null>(null);
  const [notice, setNotice] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const [confirmClose, setConfirmClose] = useState(false);
  const [busy, startTransition] = useTransition();

  function onAddNote(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const errorCode = caseNoteErrorCode(body);
    if (errorCode) {
      setNoteError(messages.fieldMessage(errorCode));
      noteField.current?.focus();
      return;
    }
    startTransition(async () => {
      const result = await addCaseNoteAction(caseId, body);
      if (result.ok) {
        setBody("");
        setNoteError(null);
        setNotice({ tone: "success", text: t("noteAdded") });
        router.refresh();
      } else {
        setNoteError(messages.fieldMessages(result).body ?? messages.formMessage(result));
        noteField.current?.focus();
      }
    });
  }

  function onClose() {
    setConfirmClose(false);
    startTransition(async () => {
      const result = await closeCaseAction(caseId);
      setNotice(
        result.ok
          ? { tone: "success", text: t("closed") }
          : { tone: "error", text: messages.formMessage(result) },
      );
      router.refresh();
    });
  }

  return (
    <div className="space-y-4">
      {notice ? <Notice tone={notice.tone}>{notice.text}</Notice> : null}
      <form onSubmit={onAddNote} noValidate className="space-y-2">
        <label htmlFor={`${id}-note`} className="block text-sm font-medium text-slate-800">
          {t("noteLabel")}
        </label>
        <textarea
          ref={noteField}
          id={`${id}-note`}
          rows={3}
          maxLength={CASE_NOTE_LENGTH.max}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          onKeyDown={(event) => {
            // Ctrl+Enter / ⌘+Enter adds the note without leaving the keyboard.
            if (event.key === "Enter" && (event.ctrlKey || event.metaKey))
              event.currentTarget.form?.requestSubmit();
          }}
          aria-invalid={noteError ? true : undefined}
          aria-describedby={`${id}-note-hint${noteError ? ` ${id}-note-error` : ""}`}
          className={inputField}
        />
        <p id={`${id}-note-hint`} className="text-xs text-slate-600">
          {t("noteHint")}
        </p>
        {noteError ? (
          <p id={`${id}-note-error`} role="alert" className="text-sm text-red-700">
            {noteError}
          </p>
        ) : null}
        <div className="flex flex-wrap gap-3">
          <button type="submit" className={buttonPrimary} disabled={busy}>
            {t("addNote")}
          </button>
          {open ? (
            <Dialog.Root open={confirmClose} onOpenChange={setConfirmClose}>
              <Dialog.Trigger className={buttonSecondary} disabled={busy}>
                {t("close")}
              </Dialog.Trigger>
              <ConfirmContent
                title={t("closeTitle")}
                description={t("closeBody")}
                cancelLabel={t("closeNo")}
                confirmLabel={t("closeYes")}
                onConfirm={onClose}
              />
            </Dialog.Root>
          ) : null}
        </div>
      </form>
    </div>
  );
}
