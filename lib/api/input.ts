import { AppError } from "@/lib/errors";
import { isStorableText } from "@/lib/forms/storable-text";

/** Larger than any body /api/v1 takes (a decision: a role or a reason of 1,000 characters). */
const MAX_BODY_BYTES = 16 * 1024;

const invalid = (field: string) =>
  new AppError("VALIDATION", "Invalid input", { fieldErrors: { [field]: "invalid" } });

/**
 * Every string in a parsed JSON value, or a path/query value, checked: text PostgreSQL cannot
 * store (a NUL; an unpaired surrogate, what a hand-written "\ud800" in JSON becomes) is refused
 * at the door as a 400, never left to fail as a 500 in the database.
 */
export function assertSafeInput(value: unknown, field = "_form"): void {
  if (typeof value === "string") {
    if (!isStorableText(value)) throw invalid(field);
  } else if (Array.isArray(value)) {
    value.forEach((item) => assertSafeInput(item, field));
  } else if (value && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      assertSafeInput(key, field);
      assertSafeInput(item, key);
    }
  }
}

/** The query parameters, first value of each, checked. */
export function queryOf(url: URL): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [key, value] of url.searchParams) query[key] ??= value;
  assertSafeInput(query);
  return query;
}

/**
 * A JSON object body (an empty body is `{}`): refused with VALIDATION when it is not JSON, not an
 * object, too large, or sent as another media type (a form post from a browser cannot reach here).
 */
export async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  const text = await request.text();
  if (text.trim() === "") return {};
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw new AppError("VALIDATION", "The body must be application/json", {
      fieldErrors: { _form: "contentType" },
    });
  }
  if (Buffer.byteLength(text) > MAX_BODY_BYTES)
    throw new AppError("VALIDATION", "The body is too large", {
      fieldErrors: { _form: "tooLarge" },
    });
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("VALIDATION", "The body is not valid JSON", {
      fieldErrors: { _form: "json" },
    });
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    throw new AppError("VALIDATION", "The body must be a JSON object", {
      fieldErrors: { _form: "json" },
    });
  }
  assertSafeInput(value);
  return value as Record<string, unknown>;
}
