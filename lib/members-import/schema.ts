import { z } from "zod";
import { AppError } from "@/lib/errors";
import { membershipRoleSchema } from "@/lib/memberships/schema";
import { MAX_SCOPE_GRANTS } from "@/lib/virtual-accounts/scope";
import {
  IMPORT_LIMITS,
  normaliseAddress,
  parseAddressList,
  parseImportFile,
  type ImportFileProblem,
  type ImportRow,
  type ParsedImport,
} from "./parse";

/*
 * What the doors send to preview or confirm an import (issue 28): the dialog's text area or CSV
 * file, or the API's list of people. A person's line that asks for something wrong (an unknown
 * role, an end date in the past …) is accepted here and refused as that line's outcome; only the
 * shape is checked. Messages are catalog keys under membersImport.errors.
 */

const id = z.string().trim().min(1).max(100);
const text = (max: number) => z.string().max(max);
/** A file of IMPORT_LIMITS.bytes, base64-encoded. */
const FILE_BASE64_MAX = Math.ceil(IMPORT_LIMITS.bytes / 3) * 4;

/** One person as the API sends them; the CSV's columns under their JSON names. */
export const importPersonSchema = z.object({
  email: text(1000),
  role: text(100),
  virtualAccounts: z.array(text(1000)).max(MAX_SCOPE_GRANTS).optional(),
  includeSubAccounts: z.boolean().optional(),
  accessEnds: text(100).optional(),
});
export type ImportPerson = z.infer<typeof importPersonSchema>;

export const importSourceSchema = z.discriminatedUnion("format", [
  /** The text area: addresses, all with the dialog's role, virtual accounts and end date. */
  z.object({
    format: z.literal("text"),
    text: text(IMPORT_LIMITS.bytes * 2),
    role: membershipRoleSchema,
    virtualAccounts: z.array(text(1000)).max(MAX_SCOPE_GRANTS).optional(),
    includeSubAccounts: z
      .union([z.boolean(), z.enum(["on", "true", "false"])])
      .optional()
      .transform((value) => value === true || value === "on" || value === "true"),
    accessEnds: text(100).optional(),
  }),
  /** The CSV file's bytes, base64-encoded (the encoding is judged on the bytes themselves). */
  z.object({
    format: z.literal("csv"),
    file: z.base64({ error: "fileUnreadable" }).max(FILE_BASE64_MAX, "tooLarge"),
  }),
  /** The API's people. */
  z.object({
    format: z.literal("people"),
    people: z.array(importPersonSchema).min(1, "empty").max(IMPORT_LIMITS.people, "tooMany"),
  }),
]);
export type ImportSource = z.infer<typeof importSourceSchema>;

export const previewImportSchema = z.object({ accountId: id, source: importSourceSchema });

/**
 * Confirming: the same source again (the server reads it again; nothing the preview showed is
 * trusted) and the import's key, which makes a second confirm of the same import (a double click,
 * a retry after a timeout) apply nothing twice.
 */
export const commitImportSchema = previewImportSchema.extend({
  key: z.string().trim().min(1).max(255),
});
export type CommitImportInput = z.infer<typeof commitImportSchema>;

/** The people of the API's list as lines (line = position in the list, from 1). */
function peopleRows(people: ImportPerson[]): ParsedImport {
  const rows: ImportRow[] = people.map((person, index) => ({
    line: index + 1,
    address: person.email.trim(),
    email: normaliseAddress(person.email),
    role: person.role,
    virtualAccounts: person.virtualAccounts ?? [],
    includeSubAccounts: person.includeSubAccounts ? "true" : "",
    accessEnds: person.accessEnds ?? "",
  }));
  const first = new Map<string, number>();
  const kept: ImportRow[] = [];
  const duplicates: ParsedImport["duplicates"] = [];
  for (const row of rows) {
    const seen = row.email === null ? undefined : first.get(row.email);
    if (seen !== undefined) duplicates.push({ email: row.email!, line: row.line, firstLine: seen });
    else {
      if (row.email !== null) first.set(row.email, row.line);
      kept.push(row);
    }
  }
  return { rows: kept, duplicates };
}

/** A refusal of the whole file or text: where (line, column) and why, as a form message and a problem. */
export function importFileRefused(problem: ImportFileProblem): AppError {
  return new AppError("VALIDATION", `The import cannot be read: ${problem.code}`, {
    fieldErrors: { source: problem.code },
    problem,
  });
}

/** The lines of a source, or the refusal of the whole of it (AppError VALIDATION). */
export function linesOf(source: ImportSource): ParsedImport {
  if (source.format === "people") return peopleRows(source.people);
  const outcome =
    source.format === "text"
      ? parseAddressList(source.text, {
          role: source.role,
          virtualAccounts: source.virtualAccounts,
          includeSubAccounts: source.includeSubAccounts,
          accessEnds: source.accessEnds,
        })
      : parseImportFile(Buffer.from(source.file, "base64"));
  if (!outcome.ok) throw importFileRefused(outcome.problem);
  return outcome.value;
}
