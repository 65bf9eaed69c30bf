"use client";

import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { Suspense, useEffect, useId, useRef, useState, useTransition, type FormEvent } from "react";
import { accountHasActiveAdminAction, submitRequestAction } from "@/app/requests/actions";
import type { AccountMatch } from "@/lib/accounts/lookup-accounts";
import { fetchAccountMatches } from "@/lib/accounts/lookup-client";
import type { SubmitRequestResult } from "@/lib/requests/submit-request";
import { REASON_LENGTH, reasonErrorCode } from "@/lib/requests/rules";
import { lazyWithPreload } from "../ui/lazy-with-preload";
import { Notice } from "../ui/notice";
import { RequestReceipt } from "./request-receipt";
import { buttonPrimary, buttonSecondary, inputField, linkText } from "../ui/styles";
import { useActionMessages } from "../ui/use-action-messages";

// The picker (and its dialog library, ≈ 13 kB gzip) is needed only when several accounts share an
// identifier: it loads then, fetched while the lookup runs, and stays out of the first load.
const { Component: AccountPickerDialog, preload: loadPicker } = lazyWithPreload(() =>
  import("./account-picker-dialog").then((module) => module.AccountPickerDialog),
);

interface Props {
  /** An incomplete profile blocks the request. */
  profileComplete: boolean;
  supportEmail: string;
}

type Lookup =
  | { kind: "none" }
  | { kind: "noMatch"; domain: string }
  | { kind: "pick"; domain: string; accounts: AccountMatch[] };

/** Steps 2 and 3: find the account by its identifier, then send the reason. */
export function RequestAccessFlow({ profileComplete, supportEmail }: Props) {
  const t = useTranslations("requests");
  const format = useFormatter();
  const messages = useActionMessages("requests");
  const id = useId();
  const reasonRef = useRef<HTMLTextAreaElement>(null);
  const [identifier, setIdentifier] = useState("");
  const [identifierError, setIdentifierError] = useState<string | null>(null);
  const [lookup, setLookup] = useState<Lookup>({ kind: "none" });
  const [account, setAccount] = useState<AccountMatch | null>(null);
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [outcome, setOutcome] = useState<SubmitRequestResult | null>(null);
  const [searching, startSearch] = useTransition();
  const [sending, startSend] = useTransition();
  // Whether the chosen account has an active administrator (null while asking, or if asking failed).
  const [hasAdmin, setHasAdmin] = useState<{ accountId: string; value: boolean } | null>(null);

  // Once the account is known, move on to the reason.
  useEffect(() => {
    if (account) reasonRef.current?.focus();
  }, [account]);

  // Before sending: an account nobody can decide for is said so, with the choice to send to support.
  useEffect(() => {
    if (!account) return;
    let current = true;
    void accountHasActiveAdminAction(account.id).then((result) => {
      if (current && result.ok) setHasAdmin({ accountId: account.id, value: result.data });
    });
    return () => {
      current = false;
    };
  }, [account]);
  const noActiveAdmin = account !== null && hasAdmin?.accountId === account.id && !hasAdmin.value;

  function choose(match: AccountMatch) {
    setAccount(match);
    setLookup({ kind: "none" });
  }

  function onLookup(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setOutcome(null);
    setFormError(null);
    setAccount(null);
    setLookup({ kind: "none" });
    void loadPicker();
    startSearch(async () => {
      const result = await fetchAccountMatches(identifier);
      if (!result.ok) {
        const fields = messages.fieldMessages(result);
        setIdentifierError(fields.identifier ?? messages.formMessage(result));
        return;
      }
      setIdentifierError(null);
      const { domain, accounts } = result.data;
      if (accounts.length === 0) setLookup({ kind: "noMatch", domain });
      else if (accounts.length === 1) choose(accounts[0]!);
      else setLookup({ kind: "pick", domain, accounts });
    });
  }

  function onSend(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!account) return;
    const reasonCode = reasonErrorCode(reason);
    if (reasonCode) {
      setReasonError(messages.fieldMessage(reasonCode));
      return;
    }
    setReasonError(null);
    startSend(async () => {
      const result = await submitRequestAction({
        accountId: account.id,
        domain: account.domain,
        reason: reason.trim(),
      });
      if (!result.ok) {
        setReasonError(messages.fieldMessages(result).reason ?? null);
        setFormError(
          result.code === "NOT_FOUND" ? t("errors.accountGone") : messages.formMessage(result),
        );
        return;
      }
      setFormError(null);
      setOutcome(result.data);
      if (result.data.outcome === "created") {
        setReason("");
        setAccount(null);
        setIdentifier("");
      }
    });
  }

  const identifierErrorId = `${id}-identifier-error`;
  const reasonErrorId = `${id}-reason-error`;
  return (
    <div className="space-y-6">
      {outcome ? <OutcomeNotice outcome={outcome} /> : null}

      <section aria-labelledby={`${id}-domain`} className="space-y-3">
        <h2 id={`${id}-domain`} className="text-lg font-semibold">
          {t("steps.domain")}
        </h2>
        {!profileComplete ? (
          <p className="text-slate-700">{t("errors.profileIncomplete")}</p>
        ) : null}
        <form onSubmit={onLookup} noValidate>
          <fieldset disabled={!profileComplete} className="space-y-2 disabled:opacity-60">
            <label
              htmlFor={`${id}-identifier`}
              className="block text-sm font-medium text-slate-800"
            >
              {t("domain.label")}
            </label>
            <p id={`${id}-identifier-hint`} className="text-sm text-slate-600">
              {t("domain.hint")}
            </p>
            <div className="flex flex-wrap gap-3">
              <input
                id={`${id}-identifier`}
                name="identifier"
                type="text"
                inputMode="url"
                autoCapitalize="none"
                spellCheck={false}
                value={identifier}
                onChange={(event) => setIdentifier(event.target.value)}
                aria-invalid={identifierError ? true : undefined}
                aria-describedby={
                  identifierError
                    ? `${id}-identifier-hint ${identifierErrorId}`
                    : `${id}-identifier-hint`
                }
                className={`max-w-sm ${inputField}`}
              />
              <button type="submit" className={buttonPrimary} disabled={searching}>
                {searching ? t("domain.searching") : t("domain.submit")}
              </button>
            </div>
            {identifierError ? (
              <p id={identifierErrorId} role="alert" className="text-sm text-red-700">
                {identifierError}
              </p>
            ) : null}
          </fieldset>
        </form>
        {lookup.kind === "noMatch" ? (
          <Notice tone="warning" title={t("domain.noMatchTitle", { domain: lookup.domain })}>
            {t("domain.noMatchBody", { email: supportEmail })}
          </Notice>
        ) : null}
        {lookup.kind === "pick" ? (
          <Suspense fallback={null}>
            <AccountPickerDialog
              domain={lookup.domain}
              accounts={lookup.accounts}
              onSelect={choose}
              onCancel={() => setLookup({ kind: "none" })}
            />
          </Suspense>
        ) : null}
      </section>

      {account ? (
        <section aria-labelledby={`${id}-reason-title`} className="space-y-3">
          <h2 id={`${id}-reason-title`} className="text-lg font-semibold">
            {t("steps.reason")}
          </h2>
          <div className="flex flex-wrap items-center gap-3">
            <p className="font-medium text-slate-900">
              {t("domain.found", { name: account.name, domain: account.domain })}
            </p>
            <button type="button" className={linkText} onClick={() => setAccount(null)}>
              {t("domain.change")}
            </button>
          </div>
          {formError ? <Notice tone="error">{formError}</Notice> : null}
          {noActiveAdmin ? (
            <Notice tone="warning" title={t("form.noAdminTitle", { account: account.name })}>
              {t("form.noAdminBody")}
            </Notice>
          ) : null}
          <form onSubmit={onSend} noValidate className="space-y-2">
            <label htmlFor={`${id}-reason`} className="block text-sm font-medium text-slate-800">
              {t("reason.label")}
            </label>
            <p id={`${id}-reason-hint`} className="text-sm text-slate-600">
              {t("reason.hint")}
            </p>
            <textarea
              ref={reasonRef}
              id={`${id}-reason`}
              name="reason"
              rows={5}
              maxLength={REASON_LENGTH.max}
              required
              value={reason}
              onChange={(event) => setReason(event.target.value)}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={
                reasonError
                  ? `${id}-reason-hint ${id}-reason-count ${reasonErrorId}`
                  : `${id}-reason-hint ${id}-reason-count`
              }
              className={inputField}
            />
            <p id={`${id}-reason-count`} className="text-right text-xs text-slate-600">
              {t("reason.counter", { count: reason.trim().length })}
            </p>
            {reasonError ? (
              <p id={reasonErrorId} role="alert" className="text-sm text-red-700">
                {reasonError}
              </p>
            ) : null}
            <div className="flex gap-3">
              <button type="submit" className={buttonPrimary} disabled={sending}>
                {sending ? t("sending") : noActiveAdmin ? t("form.sendToSupport") : t("send")}
              </button>
              <button type="button" className={buttonSecondary} onClick={() => setAccount(null)}>
                {t("picker.cancel")}
              </button>
            </div>
          </form>
        </section>
      ) : null}
    </div>
  );

  function OutcomeNotice({ outcome }: { outcome: SubmitRequestResult }) {
    const seeRequests = (
      <Link href="/requests" className={linkText}>
        {t("sent.link")}
      </Link>
    );
    if (outcome.outcome === "created") {
      return (
        <Notice tone="success" title={t("sent.title")}>
          <p>
            {outcome.noActiveAdmin
              ? t("receipt.sentToSupport", { account: outcome.accountName })
              : t("sent.body", { account: outcome.accountName })}
          </p>
          <div className="mt-2">
            <RequestReceipt key={outcome.requestId} requestId={outcome.requestId} />
          </div>
          <p className="mt-2">{seeRequests}</p>
        </Notice>
      );
    }
    if (outcome.outcome === "alreadyPending") {
      return (
        <Notice tone="info">
          <p>
            {t("alreadyPending", {
              account: outcome.accountName,
              date: format.dateTime(new Date(outcome.createdAt), { dateStyle: "long" }),
            })}
          </p>
          <p className="mt-2">{seeRequests}</p>
        </Notice>
      );
    }
    return (
      <Notice tone="info">
        <p>
          {t("alreadyMember", {
            account: outcome.accountName,
            role: t(`roles.${outcome.role as "ADMIN" | "USER" | "VIEWER"}`),
          })}
        </p>
        <p className="mt-2">
          <Link href="/accounts" className={linkText}>
            {t("alreadyMemberLink")}
          </Link>
        </p>
      </Notice>
    );
  }
}
