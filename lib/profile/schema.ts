import { z } from "zod";
import { COUNTRY_CODES } from "./countries";
import { PHONE_PATTERN, PROFILE_TEXT_MAX_LENGTH } from "./rules";

const text = (max: number) => z.string().trim().min(1, "required").max(max, "tooLong");

/**
 * The server's check of a profile. Messages are catalog keys (requests.errors.*). The form checks
 * the same rules without zod (rules.ts), to keep zod out of the browser's bundle.
 */
export const profileSchema = z.object({
  firstName: text(PROFILE_TEXT_MAX_LENGTH.firstName),
  lastName: text(PROFILE_TEXT_MAX_LENGTH.lastName),
  company: text(PROFILE_TEXT_MAX_LENGTH.company),
  jobTitle: text(PROFILE_TEXT_MAX_LENGTH.jobTitle),
  country: z.string().refine((code) => COUNTRY_CODES.includes(code), "country"),
  phone: z.string().trim().regex(PHONE_PATTERN, "phone"),
});

export const PROFILE_FIELDS = [
  "firstName",
  "lastName",
  "email",
  "company",
  "jobTitle",
  "country",
  "phone",
] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

type ProfileLike = { [K in ProfileField]?: string | null };

/** Fields a request needs that the profile lacks, in form order. */
export function missingProfileFields(user: ProfileLike): ProfileField[] {
  return PROFILE_FIELDS.filter((field) => !user[field]?.trim());
}

/** The editable part of a user's profile, with empty strings for what is missing (form values). */
export function editableProfile(user: {
  [K in Exclude<ProfileField, "email">]: string | null;
}): Record<Exclude<ProfileField, "email">, string> {
  return {
    firstName: user.firstName ?? "",
    lastName: user.lastName ?? "",
    company: user.company ?? "",
    jobTitle: user.jobTitle ?? "",
    country: user.country ?? "",
    phone: user.phone ?? "",
  };
}
