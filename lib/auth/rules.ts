/*
 * What the sign-in form checks before asking for a link, in plain code so that the browser does
 * not download zod.
 */

/** The addresses z.email() accepts (its default pattern), spelled out so the browser needs no zod. */
export const EMAIL_PATTERN =
  /^(?:[A-Za-z0-9_'+\-]+\.)*[A-Za-z0-9_'+\-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9][A-Za-z0-9\-]*\.)+[A-Za-z]{2,}$/;

/** The longest address SMTP carries (RFC 5321: a 254-character path). */
export const EMAIL_MAX_LENGTH = 254;

/** The address as it is stored (trimmed, lower case), or null when it is not one. */
export function parseSignInAddress(input: string): string | null {
  const email = input.trim().toLowerCase();
  return email.length <= EMAIL_MAX_LENGTH && EMAIL_PATTERN.test(email) ? email : null;
}
