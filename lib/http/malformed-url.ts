/**
 * A URL the portal refuses before any route sees it: a path or query whose percent-escapes do not
 * decode (not UTF-8, like `%C0%AF`, or not an escape at all, like `%zz`), or that carries a NUL
 * byte, which no PostgreSQL text can hold. Next would answer the first with a 500 while decoding a
 * dynamic segment, and pass the second on to the database.
 */
export function isMalformedUrl(url: URL): boolean {
  return !decodesToText(url.pathname) || !decodesToText(url.search.slice(1).replaceAll("+", " "));
}

function decodesToText(encoded: string): boolean {
  try {
    return !decodeURIComponent(encoded).includes("\u0000");
  } catch {
    return false;
  }
}

const HEX = "[0-9a-fA-F]";
/** A UTF-8 continuation byte, escaped (%80 to %BF). */
const TAIL = `%[89abAB]${HEX}`;
/**
 * One character of a path as decodeURIComponent reads it: anything but `%`, or the escapes of one
 * UTF-8 character (RFC 3629: no overlong form, no surrogate, nothing past U+10FFFF).
 */
const DECODABLE = [
  "[^%]",
  `%[0-7]${HEX}`,
  `%(?:[cC][2-9a-fA-F]|[dD]${HEX})${TAIL}`,
  `%[eE]0%[abAB]${HEX}${TAIL}`,
  `%[eE][1-9a-cA-CeEfF]${TAIL}${TAIL}`,
  `%[eE][dD]%[89]${HEX}${TAIL}`,
  `%[fF]0%[9abAB]${HEX}${TAIL}${TAIL}`,
  `%[fF][1-3]${TAIL}${TAIL}${TAIL}`,
  `%[fF]4%8${HEX}${TAIL}${TAIL}`,
].join("|");

/**
 * The /api/v1 paths that do not decode, as a next.config.ts `source` (matched against the path as
 * sent): characters that decode, then a `%` where none does. next.config.ts rewrites them to
 * MALFORMED_API_URL, whose handler answers the 400 problem; Next would otherwise fail with a 500
 * while decoding the dynamic segment, before any handler runs. The proxy refuses them first,
 * except the requests its matcher leaves to the API (a body over 16 kB, or streamed): it cannot
 * answer those before Next has read their whole body.
 */
export const MALFORMED_API_PATH = `/api/v1/:path((?:${DECODABLE})*(?!${DECODABLE})%.*)`;

/** The route that answers a malformed /api/v1 URL (app/api/malformed-url/route.ts). */
export const MALFORMED_API_URL = "/api/malformed-url";
