"use client";

import { useState } from "react";
import type { ActionResult } from "@/lib/actions/run-action";
import type { grantableRoles } from "@/lib/admin/rules";
import { useActionMessages } from "../ui/use-action-messages";
import {
  accessEndErrorCode,
  accessEndInput,
  noAccessEnd,
  type AccessEndValue,
} from "./access-end-field";

type Refusal = Extract<ActionResult<unknown>, { ok: false }>;

/**
 * What an approval grants, as the decision panel and the bulk bar ask it: a role (USER unless
 * chosen) and when the access ends, with what is wrong with that end date.
 */
export function useApprovalTerms() {
  const endMessages = useActionMessages("memberships");
  const [role, setRole] = useState<(typeof grantableRoles)[number]>("USER");
  const [end, setEnd] = useState<AccessEndValue>(noAccessEnd);
  const [endError, setEndError] = useState<string | null>(null);
  return {
    role,
    setRole,
    end,
    setEnd,
    endError,
    setEndError,
    /** The terms as the approve actions take them. */
    terms: { role, ...accessEndInput(end) },
    /** Checks the end date as the server would, showing its error; true when it may be sent. */
    checkEnd(): boolean {
      const code = accessEndErrorCode(end);
      setEndError(code ? endMessages.fieldMessage(code) : null);
      return !code;
    },
    /** The server's words about a refused end date, if that is what it refused. */
    endRefusal(result: Refusal): string | undefined {
      const fields = endMessages.fieldMessages(result);
      return fields.endsOn ?? fields.endsInDays;
    },
  };
}
