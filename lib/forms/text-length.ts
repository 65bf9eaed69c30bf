/**
 * The forms' length check, in plain code for the browser: the text trimmed, as the zod schemas
 * trim it before `.min()` / `.max()`, so the form and the server refuse the same texts. Returns the
 * caller's catalog key for a text too short or too long, or null.
 */
export function textLengthError<TooShort extends string, TooLong extends string>(
  text: string,
  limits: { readonly min: number; readonly max: number },
  codes: { tooShort: TooShort; tooLong: TooLong },
): TooShort | TooLong | null {
  const length = text.trim().length;
  if (length < limits.min) return codes.tooShort;
  if (length > limits.max) return codes.tooLong;
  return null;
}
