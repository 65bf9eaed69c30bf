import { textLengthError } from "@/lib/forms/text-length";

/*
 * What support staff's forms check before sending, in plain code so that the browser does not
 * download zod; the zod schemas (schema.ts) are built from the same constants.
 */

export const CASE_NOTE_LENGTH = { min: 1, max: 2000 } as const;

/** The catalog key (support.errors.*) for a note the server would refuse, or null. */
export function caseNoteErrorCode(body: string): "noteRequired" | "noteTooLong" | null {
  return textLengthError(body, CASE_NOTE_LENGTH, {
    tooShort: "noteRequired",
    tooLong: "noteTooLong",
  });
}
