/** Where every redirect taken from input falls back to: the home page. */
export const SAFE_FALLBACK = "/";

/** Longer than any link the portal makes; a longer target is an attack or a mistake. */
const MAX_TARGET_LENGTH = 2048;
/** Percent-decoding rounds before a target that keeps changing is given up on. */
const MAX_DECODE_ROUNDS = 5;

// C0 controls (tab, newline and NUL included), DEL and C1 controls: browsers strip or mangle them.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * The one judge of every redirect target taken from input (a `callbackUrl`, a `returnTo`): a path
 * of this portal, or "/" when the target could lead anywhere else or cannot be read.
 *
 * Accepted: a path ("/requests?page=2#top") or an absolute URL of `origin`. The path is judged
 * after every layer of percent-decoding and with backslashes read as slashes, because browsers,
 * proxies and the framework's router each undo one of those, and "/%2e%2e//evil.example" or
 * "/\evil.example" become "//evil.example": another site. Dot segments are resolved by the URL
 * parser, as the browser will. The answer is always a path + query + hash, never an origin, so it
 * can be used as a Location header or a link as is.
 */
export function safeRedirectTarget(input: unknown, origin: string): string {
  if (typeof input !== "string" || input.length === 0 || input.length > MAX_TARGET_LENGTH)
    return SAFE_FALLBACK;
  if (CONTROL_CHARACTERS.test(input)) return SAFE_FALLBACK;
  const base = new URL(origin);
  const target = sameOriginPath(input, base);
  if (target === null) return SAFE_FALLBACK;
  const resolved = new URL(target, base);
  if (resolved.origin !== base.origin || !isPlainPath(resolved.pathname)) return SAFE_FALLBACK;
  // Only the path can name another site; the query and hash are left as given (a search for "%"
  // is not an attack), and only their raw form was checked for control characters.
  const path = target.split(/[?#]/, 1)[0]!;
  if (!pathStaysHere(path, base)) return SAFE_FALLBACK;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}

/** The target as a path: as given when it starts with one slash, or the path of a same-origin URL. */
function sameOriginPath(input: string, base: URL): string | null {
  const slashed = input.replaceAll("\\", "/");
  if (slashed.startsWith("/")) return slashed.startsWith("//") ? null : input;
  if (!/^https?:\/\//i.test(slashed)) return null;
  try {
    const url = new URL(input);
    if (url.origin !== base.origin || url.username || url.password) return null;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return null;
  }
}

/** Every decoding of the path, backslashes read as slashes, stays a plain path on this origin. */
function pathStaysHere(path: string, base: URL): boolean {
  let current = path;
  for (let round = 0; round <= MAX_DECODE_ROUNDS; round += 1) {
    const slashed = current.replaceAll("\\", "/");
    if (CONTROL_CHARACTERS.test(slashed) || !slashed.startsWith("/") || slashed.startsWith("//"))
      return false;
    const resolved = new URL(slashed, base);
    if (resolved.origin !== base.origin || !isPlainPath(resolved.pathname)) return false;
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return false; // an invalid percent-encoding: nobody knows how the next reader will take it
    }
    if (decoded === current) return true;
    current = decoded;
  }
  return false;
}

/** Not "//host" nor "/\host" once resolved: those are protocol-relative links to another site. */
function isPlainPath(pathname: string): boolean {
  return pathname.startsWith("/") && !pathname.startsWith("//") && !pathname.startsWith("/\\");
}

/** Whether `input` already leads where its safe target does (so it need not be replaced). */
export function isSafeRedirectTarget(input: string, origin: string): boolean {
  try {
    return new URL(input, origin).href === new URL(safeRedirectTarget(input, origin), origin).href;
  } catch {
    return false;
  }
}
