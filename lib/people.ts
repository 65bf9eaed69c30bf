import { defaultLocale, isLocale, type AppLocale } from "@/lib/i18n/config";

export interface NamedPerson {
  firstName: string | null;
  lastName: string | null;
  email: string;
}

/** A person as the portal names them: first and last name, or the email address. */
export function displayName(person: NamedPerson): string {
  return [person.firstName, person.lastName].filter(Boolean).join(" ") || person.email;
}

/** The language a person's emails and pages use: their saved preference, else the default. */
export function localeOf(person: { locale: string | null }): AppLocale {
  return isLocale(person.locale) ? person.locale : defaultLocale;
}

/** What a Prisma select reads of a user to name them and link to them. */
export const personSelect = { id: true, email: true, firstName: true, lastName: true } as const;
