"use client";

import { useTranslations } from "next-intl";
import type { Role } from "@/lib/memberships/rules";

interface Props {
  /** Prefix of the inputs' ids (a useId of the form). */
  id: string;
  roles: readonly Role[];
  value: Role;
  onChange: (role: Role) => void;
  legend: string;
  /** The legend read by screen readers only, where a dialog's title already says it. */
  hideLegend?: boolean;
}

/** The roles one may give, as radio buttons each saying what it allows: approving a request, changing a member's role. */
export function RoleChoice({ id, roles, value, onChange, legend, hideLegend = false }: Props) {
  const tRoles = useTranslations("requests.roles");
  const tRoleHelp = useTranslations("admin.decision.roleHelp");
  return (
    <fieldset className="space-y-2">
      <legend className={hideLegend ? "sr-only" : "font-semibold text-slate-900"}>{legend}</legend>
      {roles.map((role) => (
        <div key={role} className="flex items-start gap-2">
          <input
            type="radio"
            id={`${id}-role-${role}`}
            name="role"
            value={role}
            checked={value === role}
            onChange={() => onChange(role)}
            aria-describedby={`${id}-role-${role}-help`}
            className="mt-1 h-4 w-4 accent-brand-600"
          />
          <label htmlFor={`${id}-role-${role}`} className="text-sm">
            <span className="font-medium text-slate-900">{tRoles(role)}</span>
            <span id={`${id}-role-${role}-help`} className="block text-slate-700">
              {tRoleHelp(role)}
            </span>
          </label>
        </div>
      ))}
    </fieldset>
  );
}
