/*
 * What the virtual-accounts page checks before sending, in plain code so that the browser does not
 * download zod; the zod schemas (manage-schema.ts) are built from the same constants and stay the
 * authority.
 */

export const VIRTUAL_ACCOUNT_NAME_LENGTH = { max: 100 } as const;

// C0 and C1 controls, and the line and paragraph separators: a name is one line of text.
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

/** The catalog key (virtualAccounts.errors.*) for a name the server would refuse, or null. */
export function virtualAccountNameErrorCode(
  name: string,
): "nameRequired" | "nameTooLong" | "nameInvalid" | null {
  const trimmed = name.trim();
  if (!trimmed) return "nameRequired";
  if (trimmed.length > VIRTUAL_ACCOUNT_NAME_LENGTH.max) return "nameTooLong";
  return CONTROL_CHARACTERS.test(trimmed) ? "nameInvalid" : null;
}
