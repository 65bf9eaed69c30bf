"use server";

import { runAction } from "@/lib/actions/run-action";
import { addSupportCaseNote } from "@/lib/support/add-case-note";
import { closeSupportCase } from "@/lib/support/close-case";

export async function addCaseNoteAction(caseId: string, body: string) {
  return runAction(addSupportCaseNote, { caseId, body });
}

export async function closeCaseAction(caseId: string) {
  return runAction(closeSupportCase, { caseId });
}
