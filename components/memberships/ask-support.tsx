"use client";

import { useTranslations } from "next-intl";
import { useId, useState, useTransition, type FormEvent } from "react";
import { openAccountSupportCaseAction } from "@/app/accounts/actions";
import { ACCOUNT_CASE_MESSAGE_LENGTH, accountCaseMessageErrorCode } from "@/lib/memberships/rules";
import { Notice } from "../ui/notice";
import { buttonPrimary, buttonSecondary, inputField } from "../ui/styles";
import { useActionMessages } from "../ui/use-action-messages";

/**
 * What the account's only administrator is offered when they cannot step down: a message to
 * support, prefilled, opening a support case that carries the account.
 */
export function AskSupport({ accountId, accountName }: { accountId: string; accountName: string }) {
  const t = useTranslations("memberships.support");
  const messages = useActionMessages("memberships");
  const id = useId();
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState(() => t("suggestion", { account: accountName }));
  const [error, setError] = useState<string | null>(null);
  const [sent, setSent] = useState(false);
  const [busy, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const code = accountCaseMessageErrorCode(message);
    if (code) {
      setError(messages.fieldMessage(code));
      return;
    }
    startTransition(async () => {
      const result = await openAccountSupportCaseAction(accountId, message);
      if (result.ok) {
        setSent(true);
        setOpen(false);
        setError(null);
      } else {
        setError(messages.fieldMessages(result).message ?? messages.formMessage(result));
      }
    });
  }

  if (sent) return <Notice tone="success">{t("sent")}</Notice>;
  return (
    <div className="space-y-2">
      <button
        type="button"
        className={buttonSecondary}
        aria-expanded={open}
        aria-controls={`${id}-form`}
        onClick={() => setOpen(!open)}
      >
        {t("ask")}
      </button>
      {open ? (
        <form
          id={`${id}-form`}
          onSubmit={onSubmit}
          noValidate
          className="space-y-2 rounded border border-slate-200 bg-white p-4"
        >
          <h3 className="font-semibold">{t("title", { account: accountName })}</h3>
          <label htmlFor={`${id}-message`} className="block text-sm font-medium text-slate-800">
            {t("label")}
          </label>
          <textarea
            id={`${id}-message`}
            rows={3}
            maxLength={ACCOUNT_CASE_MESSAGE_LENGTH.max}
            value={message}
            onChange={(event) => setMessage(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${id}-error` : undefined}
            className={inputField}
          />
          {error ? (
            <p id={`${id}-error`} role="alert" className="text-sm text-red-700">
              {error}
            </p>
          ) : null}
          <button type="submit" className={buttonPrimary} disabled={busy}>
            {t("send")}
          </button>
        </form>
      ) : null}
    </div>
  );
}
