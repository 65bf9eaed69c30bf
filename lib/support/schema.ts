import { z } from "zod";
import { CASE_NOTE_LENGTH } from "./rules";

// The server's checks of the case forms (which check the same rules without zod: rules.ts).
// Messages are catalog keys under support.errors.

const id = z.string().trim().min(1).max(100);

export const caseNoteSchema = z.object({
  caseId: id,
  body: z
    .string()
    .trim()
    .min(CASE_NOTE_LENGTH.min, "noteRequired")
    .max(CASE_NOTE_LENGTH.max, "noteTooLong"),
});

export const closeCaseSchema = z.object({ caseId: id });
