/** A person as the console names them: first and last name, or the email address. */
export function personName(person: { firstName: string | null; lastName: string | null; email: string }): string {
  return [person.firstName, person.lastName].filter(Boolean).join(" ") || person.email;
}

/** Lists and tables. */
export const shortDateTime = { dateStyle: "medium", timeStyle: "short" } as const;
/** Timelines: to the second, with the time zone, so support can line events up with logs. */
export const preciseDateTime = { dateStyle: "medium", timeStyle: "long" } as const;
