"use client";

import { useTranslations } from "next-intl";
import { END_PRESET_DAYS, endDateErrorCode, type AccessEndInput } from "@/lib/memberships/rules";
import { inputField } from "../ui/styles";

/** What the field holds: no end (the default), a preset number of days, or a date. */
export interface AccessEndValue {
  choice: "none" | `${(typeof END_PRESET_DAYS)[number]}` | "date";
  date: string;
}

export const noAccessEnd: AccessEndValue = { choice: "none", date: "" };

/** The value as the actions send it. */
export function accessEndInput(value: AccessEndValue): AccessEndInput {
  if (value.choice === "none") return {};
  if (value.choice === "date") return { endsOn: value.date };
  return { endsInDays: Number(value.choice) };
}

/** The catalog key (memberships.errors.*) of an end date the server would refuse, or null; days are UTC, as on the server. */
export function accessEndErrorCode(value: AccessEndValue): string | null {
  return value.choice === "date"
    ? endDateErrorCode(value.date, new Date().toISOString().slice(0, 10))
    : null;
}

interface Props {
  id: string;
  value: AccessEndValue;
  onChange: (value: AccessEndValue) => void;
  error: string | null;
  /** Replaces "No end date" (extending offers "No end date any more"). */
  noneLabel?: string;
}

/** "Access ends": never, in 30 / 90 / 365 days, or on a date chosen in a date field. */
export function AccessEndField({ id, value, onChange, error, noneLabel }: Props) {
  const t = useTranslations("memberships.end");
  return (
    <div className="space-y-2">
      <label htmlFor={`${id}-end`} className="block text-sm font-medium text-slate-800">
        {t("legend")}
      </label>
      <select
        id={`${id}-end`}
        value={value.choice}
        onChange={(event) =>
          onChange({ ...value, choice: event.target.value as AccessEndValue["choice"] })
        }
        className={inputField}
      >
        <option value="none">{noneLabel ?? t("none")}</option>
        {END_PRESET_DAYS.map((days) => (
          <option key={days} value={String(days)}>
            {t("days", { days })}
          </option>
        ))}
        <option value="date">{t("date")}</option>
      </select>
      {value.choice === "date" ? (
        <div className="space-y-1">
          <label htmlFor={`${id}-end-date`} className="block text-sm font-medium text-slate-800">
            {t("dateLabel")}
          </label>
          <input
            id={`${id}-end-date`}
            type="date"
            value={value.date}
            onChange={(event) => onChange({ ...value, date: event.target.value })}
            aria-invalid={error ? true : undefined}
            aria-describedby={`${id}-end-help${error ? ` ${id}-end-error` : ""}`}
            className={inputField}
          />
          <p id={`${id}-end-help`} className="text-xs text-slate-600">
            {t("dateHelp")}
          </p>
        </div>
      ) : null}
      {error ? (
        <p id={`${id}-end-error`} role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : null}
    </div>
  );
}
