"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition, type FormEvent, type ReactNode } from "react";
import type { ActionResult } from "@/lib/actions/run-action";
import { Notice } from "../ui/notice";
import { buttonPrimary } from "../ui/styles";
import { useActionMessages } from "../ui/use-action-messages";

type FieldErrors = Record<string, string>;

/**
 * The state of a form that creates an API token or a webhook endpoint: its field errors, its
 * form-level failure and whether it is busy. `submit` checks in the browser first, then runs the
 * action and, once it succeeded, hands its data over and refreshes the page's list.
 */
export function useSecretForm() {
  const messages = useActionMessages("integrations");
  const router = useRouter();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, startTransition] = useTransition();

  function submit<Output>(
    localErrors: FieldErrors,
    action: () => Promise<ActionResult<Output>>,
    onCreated: (data: Output) => void,
  ) {
    setErrors(localErrors);
    if (Object.keys(localErrors).length) return;
    startTransition(async () => {
      const result = await action();
      if (result.ok) {
        onCreated(result.data);
        setFailure(null);
        router.refresh();
      } else {
        setErrors(messages.fieldMessages(result));
        setFailure(messages.formMessage(result));
      }
    });
  }

  return { errors, failure, busy, submit, fieldMessage: messages.fieldMessage };
}

/**
 * The frame of such a form: the secret shown once above it (when there is one), its heading, its
 * form-level failure (only when no field says what is wrong) and its submit button.
 */
export function SecretForm({
  id,
  title,
  revealed,
  errors,
  failure,
  busy,
  submitLabel,
  busyLabel,
  onSubmit,
  children,
}: {
  /** The form's useId(), which its fields' ids start with. */
  id: string;
  title: string;
  revealed: ReactNode;
  errors: FieldErrors;
  failure: string | null;
  busy: boolean;
  submitLabel: string;
  busyLabel: string;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  children: ReactNode;
}) {
  return (
    <div className="space-y-4">
      {revealed}
      <form onSubmit={onSubmit} noValidate className="space-y-4" aria-labelledby={`${id}-title`}>
        <h2 id={`${id}-title`} className="text-lg font-semibold">
          {title}
        </h2>
        {failure && Object.keys(errors).length === 0 ? (
          <Notice tone="error">{failure}</Notice>
        ) : null}
        {children}
        <button type="submit" className={buttonPrimary} disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
      </form>
    </div>
  );
}

/** A field's error, announced when it appears; its id is `${formId}-${field}-error`. */
export function FieldError({ formId, field, errors }: FieldErrorProps) {
  return errors[field] ? (
    <p id={`${formId}-${field}-error`} role="alert" className="text-sm text-red-700">
      {errors[field]}
    </p>
  ) : null;
}

interface FieldErrorProps {
  formId: string;
  field: string;
  errors: FieldErrors;
}

/**
 * A checkbox per code (API scopes, webhook events), each labelled with the code and what it means.
 * `field` names the choice in the ids and in the errors.
 */
export function CodeChoices<Code extends string>({
  formId,
  field,
  legend,
  codes,
  chosen,
  onChange,
  meaning,
  errors,
  describedBy,
}: FieldErrorProps & {
  legend: string;
  codes: readonly Code[];
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
  meaning: (code: Code) => string;
  describedBy?: string;
}) {
  const toggle = (code: Code) =>
    onChange(chosen.includes(code) ? chosen.filter((item) => item !== code) : [...chosen, code]);
  return (
    <fieldset className="space-y-1" aria-describedby={describedBy}>
      <legend className="font-medium text-slate-900">{legend}</legend>
      {codes.map((code) => (
        <div key={code} className="flex items-center gap-2">
          <input
            type="checkbox"
            id={`${formId}-${field}-${code}`}
            checked={chosen.includes(code)}
            onChange={() => toggle(code)}
            className="h-4 w-4 accent-brand-600"
          />
          <label htmlFor={`${formId}-${field}-${code}`} className="text-sm">
            <code className="font-mono">{code}</code>: {meaning(code)}
          </label>
        </div>
      ))}
      <FieldError formId={formId} field={field} errors={errors} />
    </fieldset>
  );
}
