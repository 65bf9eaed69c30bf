import { z } from "zod";
import { COUNTRY_CODES } from "./countries";

const text = (max: number) => z.string().trim().min(1, "required").max(max, "tooLong");

/** The profile form and the server agree on this. Messages are catalog keys (profile.errors.*). */
export const profileSchema = z.object({
  firstName: text(100),
  lastName: text(100),
  company: text(200),
  jobTitle: text(200),
  country: z.string().refine((code) => COUNTRY_CODES.includes(code), "country"),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[0-9][0-9 ().-]{5,24}$/, "phone"),
});

export type ProfileInput = z.infer<typeof profileSchema>;

export const PROFILE_FIELDS = ["firstName", "lastName", "email", "company", "jobTitle", "country", "phone"] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];

type ProfileLike = { [K in ProfileField]?: string | null };

/** Fields a request needs that the profile lacks, in form order. */
export function missingProfileFields(user: ProfileLike): ProfileField[] {
  return PROFILE_FIELDS.filter((field) => !user[field]?.trim());
}

/** The editable part of a user's profile, with empty strings for what is missing (form values). */
export function editableProfile(user: { [K in Exclude<ProfileField, "email">]: string | null }): Record<Exclude<ProfileField, "email">, string> {
  return {
    firstName: user.firstName ?? "",
    lastName: user.lastName ?? "",
    company: user.company ?? "",
    jobTitle: user.jobTitle ?? "",
    country: user.country ?? "",
    phone: user.phone ?? "",
  };
}
