"use client";

import { useState } from "react";
import type { ActionResult } from "@/lib/actions/run-action";
import type { Access } from "@/lib/virtual-accounts/scope";
import { useActionMessages } from "../ui/use-action-messages";
import { accessErrorCode } from "../virtual-accounts/access-picker";
import {
  accessEndErrorCode,
  accessEndInput,
  noAccessEnd,
  type AccessEndValue,
} from "./access-end-field";

type Refusal = Extract<ActionResult<unknown>, { ok: false }>;

/** The default of an approval: the entire account, as a User. */
export const entireAccountAsUser: Access = { scope: "ACCOUNT", role: "USER" };

/** An access as the approve actions take it (lib/admin/schema.ts, approvalSchema). */
export function approvalAccessInput(access: Access) {
  return access.scope === "ACCOUNT"
    ? { scope: "account" as const, role: access.role }
    : {
        scope: "virtualAccounts" as const,
        virtualAccounts: access.grants.map((grant) => ({
          id: grant.virtualAccountId,
          role: grant.role,
          includeSubAccounts: grant.includeSubAccounts,
        })),
      };
}

/**
 * What an approval grants, as the decision panel and the bulk bar ask it: the access (the entire
 * account as a User unless chosen) and when it ends, with what is wrong with either.
 */
export function useApprovalTerms() {
  const messages = useActionMessages("memberships");
  const [access, setAccess] = useState<Access>(entireAccountAsUser);
  const [accessError, setAccessError] = useState<string | null>(null);
  const [end, setEnd] = useState<AccessEndValue>(noAccessEnd);
  const [endError, setEndError] = useState<string | null>(null);
  return {
    access,
    setAccess(next: Access) {
      setAccess(next);
      setAccessError(null);
    },
    accessError,
    setAccessError,
    end,
    setEnd,
    endError,
    setEndError,
    /** The terms as the approve actions take them (with `given`, the access actually offered). */
    terms(given: Access = access) {
      return { ...approvalAccessInput(given), ...accessEndInput(end) };
    },
    /** Checks the scope and the end date as the server would, showing errors; true when they may be sent. */
    check(given: Access = access): boolean {
      const scopeCode = accessErrorCode(given);
      const endCode = accessEndErrorCode(end);
      setAccessError(scopeCode ? messages.fieldMessage(scopeCode) : null);
      setEndError(endCode ? messages.fieldMessage(endCode) : null);
      return !scopeCode && !endCode;
    },
    /** The server's words about a refused end date, if that is what it refused. */
    endRefusal(result: Refusal): string | undefined {
      const fields = messages.fieldMessages(result);
      return fields.endsOn ?? fields.endsInDays;
    },
    /** The server's words about a refused scope (its virtual accounts), if that is what it refused. */
    scopeRefusal(result: Refusal): string | undefined {
      const fields = messages.fieldMessages(result);
      const field = Object.keys(fields).find(
        (key) => key === "scope" || key.startsWith("virtualAccounts"),
      );
      if (field) return fields[field];
      const reason = (result.details as { fieldErrors?: { _form?: string } }).fieldErrors?._form;
      return reason === "virtualAccountUnknown" ? messages.fieldMessage(reason) : undefined;
    },
  };
}
