import { z } from "zod";

// A list page's filters live in its URL: every one is optional, and a malformed one falls back to
// its default rather than failing the page (links get edited by hand and shared).

export type SearchParams = Record<string, string | string[] | undefined>;

/** Free text to search for, trimmed; blank or too long is no search. */
export const searchTextParam = z
  .string()
  .trim()
  .max(200)
  .optional()
  .catch(undefined)
  .transform((q) => q || undefined);

/** The keyset page cursors, decoded later by lib/pagination/keyset.ts. */
export const pageCursorParams = {
  after: z.string().max(200).optional().catch(undefined),
  before: z.string().max(200).optional().catch(undefined),
};

/** Reads filters from a page's search params: the first value of a repeated one; an empty one is absent. */
export function parseUrlFilters<Schema extends z.ZodType>(
  schema: Schema,
  searchParams: SearchParams,
): z.output<Schema> {
  const first = Object.fromEntries(
    Object.entries(searchParams)
      .map(([key, value]) => [key, Array.isArray(value) ? value[0] : value])
      .filter(([, value]) => value !== ""),
  );
  return schema.parse(first);
}
