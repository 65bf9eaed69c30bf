import { AppError } from "@/lib/errors";
import { isStorableText } from "@/lib/forms/storable-text";

/** Larger than any body /api/v1 takes (a decision: a role or a reason of 1,000 characters). */
export const MAX_BODY_BYTES = 16 * 1024;

/** A body over MAX_BODY_BYTES, announced or sent: a 413 problem (lib/api/route.ts). */
export class BodyTooLarge extends Error {
  constructor() {
    super(`The body is over ${MAX_BODY_BYTES} bytes`);
    this.name = "BodyTooLarge";
  }
}

/** Refuses at once a request whose Content-Length announces more than MAX_BODY_BYTES. */
export function assertAnnouncedBodyWithinLimit(request: Request): void {
  const announced = request.headers.get("content-length");
  if (announced !== null && Number(announced) > MAX_BODY_BYTES) throw new BodyTooLarge();
}

/**
 * The body as text, read until MAX_BODY_BYTES and no further: a longer one (streamed without a
 * Content-Length, or longer than announced) is refused as soon as it is, not read to its end.
 */
async function boundedText(request: Request): Promise<string> {
  assertAnnouncedBodyWithinLimit(request);
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_BODY_BYTES) {
      reader.cancel().catch(() => undefined);
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
  // As request.text() decodes: UTF-8, a leading BOM dropped, bad bytes replaced.
  return new TextDecoder().decode(Buffer.concat(chunks));
}

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
 * object, or sent as another media type (a form post from a browser cannot reach here), and with
 * BodyTooLarge (413) when it is over MAX_BODY_BYTES.
 */
export async function jsonBody(request: Request): Promise<Record<string, unknown>> {
  const text = await boundedText(request);
  if (text.trim() === "") return {};
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw new AppError("VALIDATION", "The body must be application/json", {
      fieldErrors: { _form: "contentType" },
    });
  }
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
