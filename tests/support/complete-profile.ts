/** The profile fields a test user has unless a test says otherwise: complete, so requests are allowed. */
export const completeProfile = {
  firstName: "Test",
  lastName: "User",
  company: "Testing Inc.",
  jobTitle: "Tester",
  country: "US",
  phone: "+1 555 0100",
} as const;
