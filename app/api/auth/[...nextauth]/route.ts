import NextAuth from "next-auth";
import type { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { withSignInAttempt } from "@/lib/auth/sign-in-link";
import { clientAddressOf } from "@/lib/http/peer-address";
import { absoluteUrl } from "@/lib/urls";

type RouteContext = { params: Promise<{ nextauth: string[] }> };

// callbackUrl values next-auth cannot parse never get here: proxy.ts replaces them (query and
// cookie) with a safe target first, since next-auth answers them with a 500.
async function handler(request: NextRequest, context: RouteContext): Promise<Response> {
  const { outcome, retryAfterSeconds } = await withSignInAttempt(
    clientAddressOf(request.headers),
    (): Promise<Response> => NextAuth(request, context, authOptions()),
  );
  if (retryAfterSeconds === undefined) return outcome;
  // A sign-in link refused by a rate limit: said as such, with the wait, rather than next-auth's
  // generic error. The same answer whether or not the address belongs to someone.
  return Response.json(
    { url: absoluteUrl("/sign-in?error=RateLimited"), retryAfterSeconds },
    {
      status: 429,
      headers: { "retry-after": String(retryAfterSeconds), "cache-control": "no-store" },
    },
  );
}

export { handler as GET, handler as POST };
