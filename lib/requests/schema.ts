import { z } from "zod";
import { REASON_LENGTH, SUPPORT_MESSAGE_LENGTH } from "./rules";

const id = z.string().trim().min(1).max(100);

/** Messages are catalog keys under requests.errors. */
export const reasonSchema = z
  .string()
  .trim()
  .min(REASON_LENGTH.min, "reasonTooShort")
  .max(REASON_LENGTH.max, "reasonTooLong");

export const submitRequestSchema = z.object({
  accountId: id,
  domain: z.string().trim().min(1).max(300),
  reason: reasonSchema,
});

export const requestIdSchema = z.object({ requestId: id });

export const supportCaseSchema = z.object({
  requestId: id,
  message: z
    .string()
    .trim()
    .min(SUPPORT_MESSAGE_LENGTH.min, "messageTooShort")
    .max(SUPPORT_MESSAGE_LENGTH.max, "messageTooLong"),
});
