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
  matcher: [
    "/((?!_next/static|_next/image|favicon.ico|api/v1/).*)",
    // /api/v1 only when its body cannot hold the request: Next reads the whole body of a request
    // the proxy sees before the route's handler runs, so a client announcing 50 MB (or streaming
    // without a length) and sending 1 kB would never be answered. Those go straight to the
    // handler, which refuses them at once (413) and does the proxy's work itself (atApiEdge in
    // lib/http/edge.ts). The rest keeps the proxy, which refuses a malformed URL before Next
    // fails on it with a 500; a malformed one the proxy does not see is rewritten by
    // next.config.ts to a route that refuses it (MALFORMED_API_PATH in lib/http/malformed-url.ts).
    // The figure is lib/api/input.ts's MAX_BODY_BYTES (16384): a matcher must be a literal.
    {
      source: "/api/v1/:path*",
      missing: [
        { type: "header", key: "content-length" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
    {
      source: "/api/v1/:path*",
      has: [
        {
          type: "header",
          key: "content-length",
          value: "(?:\\d{1,4}|1[0-5]\\d{3}|16[0-2]\\d{2}|163[0-7]\\d|1638[0-4])",
        },
      ],
      missing: [{ type: "header", key: "transfer-encoding" }],
    },
  ],
};
