/**
 * Text PostgreSQL can store: no NUL character (no PostgreSQL text holds one) and no lone UTF-16
 * surrogate (a JSON payload with one is refused as invalid JSON). A browser's form never sends
 * either, but a server action's JSON arguments and a hand-made request can.
 */
export function isStorableText(text: string): boolean {
  return !text.includes("\u0000") && text.isWellFormed();
}

/**
 * Where an action's input holds text that cannot be stored, as a field path ("reason",
 * "requestIds.2"; "_form" for the input itself), or null: refused there with a form message
 * instead of failing in the database.
 */
export function pathOfUnstorableText(
  value: unknown,
  path: string[] = [],
  seen = new Set<object>(),
): string | null {
  if (typeof value === "string") return isStorableText(value) ? null : path.join(".") || "_form";
  if (typeof value !== "object" || value === null || seen.has(value)) return null;
  seen.add(value);
  for (const [key, child] of Object.entries(value)) {
    if (!isStorableText(key)) return [...path, key].join(".");
    const found = pathOfUnstorableText(child, [...path, key], seen);
    if (found !== null) return found;
  }
  return null;
}
