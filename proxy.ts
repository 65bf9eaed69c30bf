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
  matcher: ["/((?!_next/static|_next/image|favicon.ico).*)"],
};
