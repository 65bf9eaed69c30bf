/** The profile a user fills in about themselves (what profileSchema checks), as a Prisma select. */
export const profileSelect = {
  firstName: true,
  lastName: true,
  company: true,
  jobTitle: true,
  country: true,
  phone: true,
} as const;
