import { z } from "zod";

const id = z.string().trim().min(1).max(100);

/** Messages are catalog keys under requests.errors. */
export const reasonSchema = z.string().trim().min(10, "reasonTooShort").max(1000, "reasonTooLong");

export const submitRequestSchema = z.object({
  accountId: id,
  domain: z.string().trim().min(1).max(300),
  reason: reasonSchema,
});

export const requestIdSchema = z.object({ requestId: id });

export const supportCaseSchema = z.object({
  requestId: id,
  message: z.string().trim().min(10, "messageTooShort").max(2000, "messageTooLong"),
});
