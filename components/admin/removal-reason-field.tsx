"use client";

import { REMOVAL_REASON_LENGTH } from "@/lib/memberships/rules";
import { inputField } from "../ui/styles";

interface Props {
  /** Prefix of the textarea's id (a useId of the form). */
  id: string;
  label: string;
  value: string;
  onChange: (reason: string) => void;
}

/** The optional reason a removed member is emailed: removing a member, taking away their last grant. */
export function RemovalReasonField({ id, label, value, onChange }: Props) {
  return (
    <div className="space-y-1">
      <label htmlFor={`${id}-reason`} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <textarea
        id={`${id}-reason`}
        rows={3}
        maxLength={REMOVAL_REASON_LENGTH.max}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        className={inputField}
      />
    </div>
  );
}
