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
