"use server";

import { runAction } from "@/lib/actions/run-action";
import { commitImport } from "@/lib/members-import/commit";
import { previewImport } from "@/lib/members-import/preview";

/*
 * The "Add people" dialog's two steps (issue 28): what each line will do, then the confirmation
 * with the key the preview gave. The dialog sends the same source both times: `{ format: "text",
 * text, role, virtualAccounts?, includeSubAccounts?, accessEnds? }` or `{ format: "csv", file }`
 * (the file's bytes, base64-encoded).
 */

export async function previewImportAction(input: { accountId: string; source: unknown }) {
  return runAction(previewImport, input);
}

export async function confirmImportAction(input: {
  accountId: string;
  source: unknown;
  key: string;
}) {
  return runAction(commitImport, input);
}
