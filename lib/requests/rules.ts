/*
 * Lengths of what a requester writes, in plain code so that the forms can check them without
 * downloading zod (issue #6 F5). The zod schemas (schema.ts) use the same constants.
 */

export const REASON_LENGTH = { min: 10, max: 1000 } as const;
export const SUPPORT_MESSAGE_LENGTH = { min: 10, max: 2000 } as const;

/** The catalog key (requests.errors.*) for a reason the server would refuse, or null. */
export function reasonErrorCode(reason: string): "reasonTooShort" | "reasonTooLong" | null {
  const length = reason.trim().length;
  if (length < REASON_LENGTH.min) return "reasonTooShort";
  if (length > REASON_LENGTH.max) return "reasonTooLong";
  return null;
}
