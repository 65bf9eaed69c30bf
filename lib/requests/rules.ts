import { textLengthError } from "@/lib/forms/text-length";

/*
 * What a requester's forms check before sending, in plain code so that the browser does not
 * download zod (≈ 31 kB gzip); the zod schemas (schema.ts) are built from the same constants.
 */

export const REASON_LENGTH = { min: 10, max: 1000 } as const;
export const SUPPORT_MESSAGE_LENGTH = { min: 10, max: 2000 } as const;

/** The catalog key (requests.errors.*) for a reason the server would refuse, or null. */
export function reasonErrorCode(reason: string): "reasonTooShort" | "reasonTooLong" | null {
  return textLengthError(reason, REASON_LENGTH, {
    tooShort: "reasonTooShort",
    tooLong: "reasonTooLong",
  });
}
