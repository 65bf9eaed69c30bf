/**
 * Where a NUL character sits in an action's input, as a field path ("reason", "requestIds.2"), or
 * null. PostgreSQL text cannot hold one: refused here with a form message, it would otherwise
 * reach the database and fail there.
 */
export function pathOfNulByte(value: unknown, path: string[] = [], seen = new Set<object>()): string | null {
  if (typeof value === "string") return value.includes("\u0000") ? path.join(".") || "_form" : null;
  if (typeof value !== "object" || value === null || seen.has(value)) return null;
  seen.add(value);
  for (const [key, child] of Object.entries(value)) {
    if (key.includes("\u0000")) return [...path, key].join(".");
    const found = pathOfNulByte(child, [...path, key], seen);
    if (found !== null) return found;
  }
  return null;
}
