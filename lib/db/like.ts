/** `%`, `_` and `\` typed in a search box are matched literally by LIKE and ILIKE (backslash is their default escape). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (character) => `\\${character}`);
}

/** The LIKE pattern for text that contains `text`, or that starts with it. */
export function likePattern(text: string, match: "contains" | "prefix" = "contains"): string {
  return match === "prefix" ? `${escapeLike(text)}%` : `%${escapeLike(text)}%`;
}
