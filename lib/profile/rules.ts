import { textLengthError } from "@/lib/forms/text-length";
import { COUNTRY_CODES } from "./countries";

/*
 * The profile's rules in plain code, so that the browser can check the form before sending it
 * without downloading zod (≈ 31 kB gzip). `profileSchema` (schema.ts) is built from
 * these constants and stays the authority on the server; a unit test keeps both in agreement.
 */

export const PROFILE_TEXT_MAX_LENGTH = {
  firstName: 100,
  lastName: 100,
  company: 200,
  jobTitle: 200,
} as const;
export const PHONE_PATTERN = /^\+?[0-9][0-9 ().-]{5,24}$/;

export type EditableProfileField = keyof typeof PROFILE_TEXT_MAX_LENGTH | "country" | "phone";
/** Catalog keys under requests.errors, the same codes the server returns. */
export type ProfileErrorCode = "required" | "tooLong" | "country" | "phone";

/** What is wrong with each field of a profile form, as the server would say it. */
export function profileFieldErrors(
  values: Record<EditableProfileField, string>,
): Partial<Record<EditableProfileField, ProfileErrorCode>> {
  const errors: Partial<Record<EditableProfileField, ProfileErrorCode>> = {};
  for (const [field, max] of Object.entries(PROFILE_TEXT_MAX_LENGTH) as [
    keyof typeof PROFILE_TEXT_MAX_LENGTH,
    number,
  ][]) {
    const error = textLengthError(
      values[field],
      { min: 1, max },
      { tooShort: "required", tooLong: "tooLong" },
    );
    if (error) errors[field] = error;
  }
  if (!COUNTRY_CODES.includes(values.country)) errors.country = "country";
  if (!PHONE_PATTERN.test(values.phone.trim())) errors.phone = "phone";
  return errors;
}
