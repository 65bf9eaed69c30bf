import type { AccessEndValue } from "../access-end-field";
import type { Access } from "@/lib/virtual-accounts/scope";
import { IMPORT_LIMITS } from "@/lib/members-import/limits";
import type { Role } from "@/lib/memberships/rules";

/*
 * What the "Add people" dialog sends to previewImportAction and confirmImportAction (the same
 * source both times, lib/members-import/schema.ts): the text area with the access chosen for
 * everyone, or the CSV file's bytes, base64-encoded (the server judges the encoding on them).
 */

export type ImportSource =
  | {
      format: "text";
      text: string;
      role: Role;
      virtualAccounts?: string[];
      includeSubAccounts?: boolean;
      accessEnds?: string;
    }
  | { format: "csv"; file: string };

/** The text area's source, or the catalog key (membersImport.dialog.*) of why it cannot be sent. */
export function textSource(
  text: string,
  access: Access,
  endsOn: string | null,
): ImportSource | { problem: "addressesMissing" | "sameTerms" } {
  if (text.trim() === "") return { problem: "addressesMissing" };
  const accessEnds = endsOn ?? undefined;
  if (access.scope === "ACCOUNT") return { format: "text", text, role: access.role, accessEnds };
  // The text area's people all get one role and one sub-accounts choice on each virtual account
  // (the import's text source); a per-account mix is what the CSV file's lines are for.
  const [first] = access.grants;
  if (!first) return { problem: "addressesMissing" };
  const alike = access.grants.every(
    (grant) => grant.role === first.role && grant.includeSubAccounts === first.includeSubAccounts,
  );
  if (!alike) return { problem: "sameTerms" };
  return {
    format: "text",
    text,
    role: first.role,
    virtualAccounts: access.grants.map((grant) => grant.virtualAccountId),
    includeSubAccounts: first.includeSubAccounts,
    accessEnds,
  };
}

/** The day an access chosen with the end field ends on (YYYY-MM-DD, UTC as on the server), or null. */
export function endsOnOf(value: AccessEndValue, today: Date = new Date()): string | null {
  if (value.choice === "none") return null;
  if (value.choice === "date") return value.date;
  const end = new Date(today.getTime() + Number(value.choice) * 86_400_000);
  return end.toISOString().slice(0, 10);
}

/** A file over the import's limit is refused here, before its bytes travel. */
export function fileTooLarge(file: File): boolean {
  return file.size > IMPORT_LIMITS.bytes;
}

/** The file's bytes, base64-encoded, as the csv source takes them. */
export async function fileSource(file: File): Promise<ImportSource> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = "";
  // In slices: String.fromCharCode with a million arguments overflows the call stack.
  for (let start = 0; start < bytes.length; start += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  return { format: "csv", file: btoa(binary) };
}
