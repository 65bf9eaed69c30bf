/**
 * A POST to a page (that is, a server action) sent from another origin. Next refuses to run such an
 * action, but answers it with HTTP 500 ("Invalid Server Actions request"), and the portal never
 * answers hostile input with a 500: the edge refuses it first, with a 403. Judged as Next judges it
 * (next/dist/server/app-render/action-handler.js): the Origin's host — "null" included — against
 * the first X-Forwarded-Host, else Host. A POST without an Origin is let through, as Next does:
 * browsers send one with every POST, so such a request carries no other site's cookies by a
 * visitor's mistake. The API (bearer tokens, no cookies) and next-auth's routes (its own CSRF
 * token; an identity provider may post back to them) are not pages. Found by wapiti's csrf module
 * (SECURITY.md, "Scans"); test: tests/unit/cross-origin.test.ts.
 */
export function isCrossOriginPagePost(method: string, pathname: string, headers: Headers): boolean {
  if (method !== "POST" || pathname === "/api" || pathname.startsWith("/api/")) return false;
  const origin = headers.get("origin");
  if (origin === null) return false;
  const host = headers.get("x-forwarded-host")?.split(",")[0]?.trim() || headers.get("host");
  return !host || originHost(origin) !== host;
}

function originHost(origin: string): string | null {
  if (origin === "null") return "null";
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}
