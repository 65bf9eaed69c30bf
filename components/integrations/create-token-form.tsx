"use client";

import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { createTokenAction } from "@/app/admin/tokens/actions";
import { apiScopes, tokenLifetimes, TOKEN_NAME_LENGTH, tokenNameErrorCode } from "@/lib/api/rules";
import { inputField } from "../ui/styles";
import { CodeChoices, FieldError, SecretForm, useSecretForm } from "./secret-form";
import { SecretOnce } from "./secret-once";

/** Creates a token with a name, scopes, a lifetime and optionally some accounts; shows it once. */
export function CreateTokenForm({ accounts }: { accounts: { id: string; name: string }[] }) {
  const t = useTranslations("integrations");
  const form = useSecretForm();
  const { errors } = form;
  const id = useId();
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<string[]>(["members:read"]);
  const [lifetimeDays, setLifetimeDays] = useState<number>(90);
  const [accountIds, setAccountIds] = useState<string[]>([]);
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const nameError = tokenNameErrorCode(name);
    const local: Record<string, string> = {};
    if (nameError) local.name = form.fieldMessage(nameError);
    if (scopes.length === 0) local.scopes = form.fieldMessage("scopesRequired");
    form.submit(
      local,
      () => createTokenAction({ name, scopes, lifetimeDays, accountIds }),
      (data) => {
        setCreated({ name: data.name, token: data.token });
        setName("");
      },
    );
  }

  const describedBy = (field: string, hint?: boolean) =>
    [hint ? `${id}-${field}-hint` : "", errors[field] ? `${id}-${field}-error` : ""]
      .filter(Boolean)
      .join(" ") || undefined;
  const toggleAccount = (accountId: string) =>
    setAccountIds(
      accountIds.includes(accountId)
        ? accountIds.filter((item) => item !== accountId)
        : [...accountIds, accountId],
    );

  return (
    <SecretForm
      id={id}
      title={t("tokens.createTitle")}
      revealed={
        created ? (
          <SecretOnce
            title={t("tokens.createdTitle", { name: created.name })}
            body={t("tokens.createdBody")}
            label={t("tokens.tokenLabel")}
            secret={created.token}
          />
        ) : null
      }
      errors={errors}
      failure={form.failure}
      busy={form.busy}
      submitLabel={t("tokens.create")}
      busyLabel={t("tokens.creating")}
      onSubmit={onSubmit}
    >
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
        <FieldError formId={id} field="name" errors={errors} />
      </div>
      <CodeChoices
        formId={id}
        field="scopes"
        legend={t("tokens.scopes")}
        codes={apiScopes}
        chosen={scopes}
        onChange={setScopes}
        meaning={(scope) => t(`scopes.${scope}`)}
        errors={errors}
        describedBy={describedBy("scopes")}
      />
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
                onChange={() => toggleAccount(account.id)}
                className="h-4 w-4 accent-brand-600"
              />
              <label htmlFor={`${id}-account-${account.id}`} className="text-sm">
                {account.name}
              </label>
            </div>
          ))}
          <FieldError formId={id} field="accountIds" errors={errors} />
        </fieldset>
      ) : null}
    </SecretForm>
  );
}
