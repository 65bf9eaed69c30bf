"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition, type FormEvent } from "react";
import { createTokenAction } from "@/app/admin/tokens/actions";
import { apiScopes, tokenLifetimes, TOKEN_NAME_LENGTH, tokenNameErrorCode } from "@/lib/api/rules";
import { Notice } from "../ui/notice";
import { buttonPrimary, inputField } from "../ui/styles";
import { useActionMessages } from "../ui/use-action-messages";
import { SecretOnce } from "./secret-once";

/** Creates a token with a name, scopes, a lifetime and optionally some accounts; shows it once. */
export function CreateTokenForm({ accounts }: { accounts: { id: string; name: string }[] }) {
  const t = useTranslations("integrations");
  const messages = useActionMessages("integrations");
  const router = useRouter();
  const id = useId();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<string[]>(["members:read"]);
  const [lifetimeDays, setLifetimeDays] = useState<number>(90);
  const [accountIds, setAccountIds] = useState<string[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [busy, startTransition] = useTransition();
  const toggle = (list: string[], value: string) =>
    list.includes(value) ? list.filter((item) => item !== value) : [...list, value];

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const nameError = tokenNameErrorCode(name);
    const local: Record<string, string> = {};
    if (nameError) local.name = messages.fieldMessage(nameError);
    if (scopes.length === 0) local.scopes = messages.fieldMessage("scopesRequired");
    setErrors(local);
    if (Object.keys(local).length) return;
    startTransition(async () => {
      const result = await createTokenAction({ name, scopes, lifetimeDays, accountIds });
      if (result.ok) {
        setCreated({ name: result.data.name, token: result.data.token });
        setName("");
        setFailure(null);
        router.refresh();
      } else {
        setErrors(messages.fieldMessages(result));
        setFailure(messages.formMessage(result));
      }
    });
  }

  const describedBy = (field: string, hint?: boolean) =>
    [hint ? `${id}-${field}-hint` : "", errors[field] ? `${id}-${field}-error` : ""]
      .filter(Boolean)
      .join(" ") || undefined;
  const fieldError = (field: string) =>
    errors[field] ? (
      <p id={`${id}-${field}-error`} role="alert" className="text-sm text-red-700">
        {errors[field]}
      </p>
    ) : null;

  return (
    <div className="space-y-4">
      {created ? (
        <SecretOnce
          title={t("tokens.createdTitle", { name: created.name })}
          body={t("tokens.createdBody")}
          label={t("tokens.tokenLabel")}
          secret={created.token}
        />
      ) : null}
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {t("tokens.createTitle")}
        </h2>
        {failure && Object.keys(errors).length === 0 ? (
          <Notice tone="error">{failure}</Notice>
        ) : null}
        <div className="space-y-1">
          <label htmlFor={`${id}-name`} className="block font-medium text-slate-900">
            {t("tokens.name")}
          </label>
          <input
            id={`${id}-name`}
            value={name}
            maxLength={TOKEN_NAME_LENGTH.max + 50}
            onChange={(event) => setName(event.target.value)}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={describedBy("name", true)}
            className={inputField}
          />
          <p id={`${id}-name-hint`} className="text-xs text-slate-600">
            {t("tokens.nameHint")}
          </p>
          {fieldError("name")}
        </div>
        <fieldset className="space-y-1" aria-describedby={describedBy("scopes")}>
          <legend className="font-medium text-slate-900">{t("tokens.scopes")}</legend>
          {apiScopes.map((scope) => (
            <div key={scope} className="flex items-center gap-2">
              <input
                type="checkbox"
                id={`${id}-scope-${scope}`}
                checked={scopes.includes(scope)}
                onChange={() => setScopes(toggle(scopes, scope))}
                className="h-4 w-4 accent-brand-600"
              />
              <label htmlFor={`${id}-scope-${scope}`} className="text-sm">
                <code className="font-mono">{scope}</code>: {t(`scopes.${scope}`)}
              </label>
            </div>
          ))}
          {fieldError("scopes")}
        </fieldset>
        <div className="space-y-1">
          <label htmlFor={`${id}-lifetime`} className="block font-medium text-slate-900">
            {t("tokens.lifetime")}
          </label>
          <select
            id={`${id}-lifetime`}
            value={lifetimeDays}
            onChange={(event) => setLifetimeDays(Number(event.target.value))}
            className={inputField}
          >
            {tokenLifetimes.map((days) => (
              <option key={days} value={days}>
                {t("tokens.lifetimeOption", { days })}
              </option>
            ))}
          </select>
        </div>
        {accounts.length ? (
          <fieldset className="space-y-1" aria-describedby={`${id}-accounts-hint`}>
            <legend className="font-medium text-slate-900">{t("tokens.accounts")}</legend>
            <p id={`${id}-accounts-hint`} className="text-xs text-slate-600">
              {t("tokens.accountsHint")}
            </p>
            {accounts.map((account) => (
              <div key={account.id} className="flex items-center gap-2">
                <input
                  type="checkbox"
                  id={`${id}-account-${account.id}`}
                  checked={accountIds.includes(account.id)}
                  onChange={() => setAccountIds(toggle(accountIds, account.id))}
                  className="h-4 w-4 accent-brand-600"
                />
                <label htmlFor={`${id}-account-${account.id}`} className="text-sm">
                  {account.name}
                </label>
              </div>
            ))}
            {fieldError("accountIds")}
          </fieldset>
        ) : null}
        <button type="submit" className={buttonPrimary} disabled={busy}>
          {busy ? t("tokens.creating") : t("tokens.create")}
        </button>
      </form>
    </div>
  );
}
