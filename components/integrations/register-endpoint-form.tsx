"use client";

import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { registerEndpointAction } from "@/app/admin/webhooks/actions";
import { WEBHOOK_URL_LENGTH, webhookEvents } from "@/lib/webhooks/rules";
import { inputField } from "../ui/styles";
import { CodeChoices, FieldError, SecretForm, useSecretForm } from "./secret-form";
import { SecretOnce } from "./secret-once";

/** Registers an endpoint for one of the administrator's accounts; shows its signing secret once. */
export function RegisterEndpointForm({ accounts }: { accounts: { id: string; name: string }[] }) {
  const t = useTranslations("integrations");
  const form = useSecretForm();
  const { errors } = form;
  const id = useId();
  const [accountId, setAccountId] = useState(accounts[0]?.id ?? "");
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [events, setEvents] = useState<string[]>(["request.approved", "request.denied"]);
  const [secret, setSecret] = useState<string | null>(null);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!url.trim()) local.url = form.fieldMessage("urlRequired");
    if (events.length === 0) local.events = form.fieldMessage("eventsRequired");
    form.submit(
      local,
      () => registerEndpointAction({ accountId, url, events, description }),
      (data) => {
        setSecret(data.secret);
        setUrl("");
        setDescription("");
      },
    );
  }

  return (
    <SecretForm
      id={id}
      title={t("webhooks.registerTitle")}
      revealed={
        secret ? (
          <SecretOnce
            title={t("webhooks.registeredTitle")}
            body={t("webhooks.secretBody")}
            label={t("webhooks.secretLabel")}
            secret={secret}
          />
        ) : null
      }
      errors={errors}
      failure={form.failure}
      busy={form.busy}
      submitLabel={t("webhooks.register")}
      busyLabel={t("webhooks.registering")}
      onSubmit={onSubmit}
    >
      <div className="space-y-1">
        <label htmlFor={`${id}-account`} className="block font-medium text-slate-900">
          {t("webhooks.account")}
        </label>
        <select
          id={`${id}-account`}
          value={accountId}
          onChange={(event) => setAccountId(event.target.value)}
          className={inputField}
        >
          {accounts.map((account) => (
            <option key={account.id} value={account.id}>
              {account.name}
            </option>
          ))}
        </select>
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-url`} className="block font-medium text-slate-900">
          {t("webhooks.url")}
        </label>
        <input
          id={`${id}-url`}
          type="url"
          value={url}
          maxLength={WEBHOOK_URL_LENGTH.max}
          onChange={(event) => setUrl(event.target.value)}
          aria-invalid={errors.url ? true : undefined}
          aria-describedby={`${id}-url-hint${errors.url ? ` ${id}-url-error` : ""}`}
          className={inputField}
        />
        <p id={`${id}-url-hint`} className="text-xs text-slate-600">
          {t("webhooks.urlHint")}
        </p>
        <FieldError formId={id} field="url" errors={errors} />
      </div>
      <div className="space-y-1">
        <label htmlFor={`${id}-description`} className="block font-medium text-slate-900">
          {t("webhooks.description")}
        </label>
        <input
          id={`${id}-description`}
          value={description}
          onChange={(event) => setDescription(event.target.value)}
          aria-invalid={errors.description ? true : undefined}
          className={inputField}
        />
        <FieldError formId={id} field="description" errors={errors} />
      </div>
      <CodeChoices
        formId={id}
        field="events"
        legend={t("webhooks.events")}
        codes={webhookEvents}
        chosen={events}
        onChange={setEvents}
        meaning={(event) => t(`events.${event}`)}
        errors={errors}
      />
    </SecretForm>
  );
}
