"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useId, useState, useTransition, type FormEvent } from "react";
import { registerEndpointAction } from "@/app/admin/webhooks/actions";
import { WEBHOOK_URL_LENGTH, webhookEvents } from "@/lib/webhooks/rules";
import { Notice } from "../ui/notice";
import { buttonPrimary, inputField } from "../ui/styles";
import { useActionMessages } from "../ui/use-action-messages";
import { SecretOnce } from "./secret-once";

/** Registers an endpoint for one of the administrator's accounts; shows its signing secret once. */
export function RegisterEndpointForm({ accounts }: { accounts: { id: string; name: string }[] }) {
  const t = useTranslations("integrations");
  const messages = useActionMessages("integrations");
  const router = useRouter();
  const id = useId();
  const [accountId, setAccountId] = useState(accounts[0]?.id ?? "");
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [events, setEvents] = useState<string[]>(["request.approved", "request.denied"]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [busy, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const local: Record<string, string> = {};
    if (!url.trim()) local.url = messages.fieldMessage("urlRequired");
    if (events.length === 0) local.events = messages.fieldMessage("eventsRequired");
    setErrors(local);
    if (Object.keys(local).length) return;
    startTransition(async () => {
      const result = await registerEndpointAction({ accountId, url, events, description });
      if (result.ok) {
        setSecret(result.data.secret);
        setUrl("");
        setDescription("");
        setFailure(null);
        router.refresh();
      } else {
        setErrors(messages.fieldMessages(result));
        setFailure(messages.formMessage(result));
      }
    });
  }

  const errorOf = (field: string) =>
    errors[field] ? (
      <p id={`${id}-${field}-error`} role="alert" className="text-sm text-red-700">
        {errors[field]}
      </p>
    ) : null;

  return (
    <div className="space-y-4">
      {secret ? (
        <SecretOnce
          title={t("webhooks.registeredTitle")}
          body={t("webhooks.secretBody")}
          label={t("webhooks.secretLabel")}
          secret={secret}
        />
      ) : null}
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {t("webhooks.registerTitle")}
        </h2>
        {failure && Object.keys(errors).length === 0 ? (
          <Notice tone="error">{failure}</Notice>
        ) : null}
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
          {errorOf("url")}
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
          {errorOf("description")}
        </div>
        <fieldset className="space-y-1">
          <legend className="font-medium text-slate-900">{t("webhooks.events")}</legend>
          {webhookEvents.map((event) => (
            <div key={event} className="flex items-center gap-2">
              <input
                type="checkbox"
                id={`${id}-event-${event}`}
                checked={events.includes(event)}
                onChange={() =>
                  setEvents(
                    events.includes(event) ? events.filter((e) => e !== event) : [...events, event],
                  )
                }
                className="h-4 w-4 accent-brand-600"
              />
              <label htmlFor={`${id}-event-${event}`} className="text-sm">
                <code className="font-mono">{event}</code>: {t(`events.${event}`)}
              </label>
            </div>
          ))}
          {errorOf("events")}
        </fieldset>
        <button type="submit" className={buttonPrimary} disabled={busy}>
          {busy ? t("webhooks.registering") : t("webhooks.register")}
        </button>
      </form>
    </div>
  );
}
