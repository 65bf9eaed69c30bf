import type { NextRequest } from "next/server";
import { env } from "@/lib/env";
import { secureRequest } from "@/lib/http/edge";

/**
 * Security at the edge, in one place: every request gets an id (kept if a proxy in front set a
 * safe one), a CSP nonce and the security headers; next-auth's routes get a callbackUrl they can
 * read. Authorization is not done here: every page and use case checks for itself.
 */
export function proxy(request: NextRequest) {
  const e = env();
  return secureRequest(request, {
    publicUrl: e.NEXTAUTH_URL,
    development: e.NODE_ENV === "development",
  });
}

export const config = {
  // Not /api/v1: every API handler does the proxy's work itself (atApiEdge in lib/http/edge.ts: the
  // request id, the edge's headers with the API's own policy, a 400 problem for a malformed URL),
  // and an unknown /api/v1 path gets a 404 problem from app/api/v1/[...path]. Next reads the whole
  // body of a request the proxy sees before the route's handler runs, so a client announcing 50 MB
  // (or streaming without a length) and sending 1 kB would never be answered; and the proxy's page
  // work (a CSP nonce, the page policy, a copy of the headers) is a third of what the access check
  // costs the server (bench F6). An /api/v1 URL that does not decode is rewritten by next.config.ts
  // to a route that refuses it (MALFORMED_API_PATH in lib/http/malformed-url.ts): Next would fail
  // with a 500 decoding its dynamic segment before any handler runs.
  matcher: ["/((?!_next/static|_next/image|favicon.ico|api/v1/).*)"],
};
