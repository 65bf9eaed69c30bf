import { z } from "zod";

// Shared by the case forms and the server. Messages are catalog keys under support.errors.

const id = z.string().trim().min(1).max(100);

export const caseNoteSchema = z.object({
  caseId: id,
  body: z.string().trim().min(1, "noteRequired").max(2000, "noteTooLong"),
});

export const closeCaseSchema = z.object({ caseId: id });
