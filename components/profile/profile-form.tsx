"use client";

import { useTranslations } from "next-intl";
import { useId, useState, useTransition, type FormEvent } from "react";
import { updateProfileAction } from "@/app/profile/actions";
import {
  PROFILE_TEXT_MAX_LENGTH,
  profileFieldErrors,
  type EditableProfileField,
} from "@/lib/profile/rules";
import { Notice } from "../ui/notice";
import { buttonPrimary, buttonSecondary, inputField } from "../ui/styles";
import { useActionMessages } from "../ui/use-action-messages";

export type EditableProfile = Record<EditableProfileField, string>;

interface Props {
  profile: EditableProfile;
  countries: { code: string; name: string }[];
  onSaved: () => void;
  onCancel?: () => void;
}

const TEXT_FIELDS = [
  ["firstName", "given-name"],
  ["lastName", "family-name"],
  ["company", "organization"],
  ["jobTitle", "organization-title"],
] as const;

/** The profile form, used inline on the request page and on the profile page. */
export function ProfileForm({ profile, countries, onSaved, onCancel }: Props) {
  const t = useTranslations("requests.profile");
  const messages = useActionMessages("requests");
  const id = useId();
  const [values, setValues] = useState(profile);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The server checks the same rules again and answers with the same field codes.
    const invalid = Object.entries(profileFieldErrors(values));
    if (invalid.length > 0) {
      setErrors(
        Object.fromEntries(invalid.map(([name, code]) => [name, messages.fieldMessage(code)])),
      );
      return;
    }
    setErrors({});
    startTransition(async () => {
      const result = await updateProfileAction(values);
      if (result.ok) {
        setFormError(null);
        onSaved();
      } else {
        setErrors(messages.fieldMessages(result));
        setFormError(messages.formMessage(result));
      }
    });
  }

  const field = (name: keyof EditableProfile, control: React.ReactNode) => (
    <div key={name}>
      <label htmlFor={`${id}-${name}`} className="block text-sm font-medium text-slate-800">
        {t(`fields.${name}`)}
      </label>
      {control}
      {errors[name] ? (
        <p id={`${id}-${name}-error`} className="mt-1 text-sm text-red-700">
          {errors[name]}
        </p>
      ) : null}
    </div>
  );
  const a11y = (name: keyof EditableProfile) => ({
    id: `${id}-${name}`,
    name,
    "aria-invalid": errors[name] ? true : undefined,
    "aria-describedby": errors[name] ? `${id}-${name}-error` : undefined,
  });

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-4">
      {formError ? <Notice tone="error">{formError}</Notice> : null}
      <div className="grid gap-4 sm:grid-cols-2">
        {TEXT_FIELDS.map(([name, autoComplete]) =>
          field(
            name,
            <input
              {...a11y(name)}
              type="text"
              required
              maxLength={PROFILE_TEXT_MAX_LENGTH[name]}
              autoComplete={autoComplete}
              value={values[name]}
              onChange={(event) => setValues({ ...values, [name]: event.target.value })}
              className={`mt-1 ${inputField}`}
            />,
          ),
        )}
        {field(
          "country",
          <select
            {...a11y("country")}
            required
            autoComplete="country"
            value={values.country}
            onChange={(event) => setValues({ ...values, country: event.target.value })}
            className={`mt-1 ${inputField}`}
          >
            <option value="">{t("countryPlaceholder")}</option>
            {countries.map((country) => (
              <option key={country.code} value={country.code}>
                {country.name}
              </option>
            ))}
          </select>,
        )}
        {field(
          "phone",
          <input
            {...a11y("phone")}
            type="tel"
            required
            autoComplete="tel"
            value={values.phone}
            onChange={(event) => setValues({ ...values, phone: event.target.value })}
            className={`mt-1 ${inputField}`}
          />,
        )}
      </div>
      <div className="flex gap-3">
        <button type="submit" className={buttonPrimary} disabled={pending}>
          {pending ? t("saving") : t("save")}
        </button>
        {onCancel ? (
          <button type="button" className={buttonSecondary} onClick={onCancel}>
            {t("cancel")}
          </button>
        ) : null}
      </div>
    </form>
  );
}
