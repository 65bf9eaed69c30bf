"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { ActionResult } from "@/lib/actions/run-action";
import { retryWhen } from "@/lib/i18n/retry-after";

type Failure = Extract<ActionResult<unknown>, { ok: false }>;

/**
 * Turns a failed action into words: the form-level message and per-field messages. Field error
 * codes are catalog keys of the given namespace's `errors`; unknown ones fall back to a generic text.
 */
export function useActionMessages(
  namespace: "requests" | "admin" | "support" | "integrations" | "memberships" | "virtualAccounts",
) {
  const t = useTranslations();
  const format = useFormatter();
  const fieldMessage = (code: unknown): string => {
    const key = `${namespace}.errors.${String(code)}`;
    return t.has(key as never) ? t(key as never) : t("errors.codes.VALIDATION");
  };
  return {
    fieldMessage,
    formMessage(failure: Failure): string {
      const formCode = (failure.details.fieldErrors as Record<string, string> | undefined)?._form;
      if (formCode) return fieldMessage(formCode);
      if (failure.code === "INTERNAL")
        return t("errors.codes.INTERNAL", { ref: failure.requestId ?? "—" });
      if (failure.code === "RATE_LIMITED")
        return t("errors.codes.RATE_LIMITED", {
          when: retryWhen(format, Number(failure.details.seconds ?? 60)),
        });
      return t(`errors.codes.${failure.code}`);
    },
    fieldMessages(failure: Failure): Record<string, string> {
      const codes = (failure.details.fieldErrors ?? {}) as Record<string, string>;
      return Object.fromEntries(
        Object.entries(codes)
          .filter(([field]) => field !== "_form")
          .map(([field, code]) => [field, fieldMessage(code)]),
      );
    },
  };
}
