import { NextResponse, type NextRequest } from "next/server";
import { problemResponse } from "@/lib/api/problem";
import { isCrossOriginPagePost } from "./cross-origin";
import { isMalformedUrl } from "./malformed-url";
import { isSafeRedirectTarget, safeRedirectTarget } from "./redirects";
import { requestIdFrom } from "./request-id";
import {
  contentSecurityPolicy,
  EMAIL_FRAME_POLICY,
  newNonce,
  securityHeaders,
} from "./security-headers";

export interface EdgeSettings {
  /** The portal's public base URL (NEXTAUTH_URL): its origin is the only redirect target, https its scheme. */
  publicUrl: string;
  development: boolean;
}

/** next-auth's callback URL cookie, under both its names (`__Secure-` over https). */
const CALLBACK_COOKIES = ["next-auth.callback-url", "__Secure-next-auth.callback-url"];

/** A path no route has: a malformed URL is shown the portal's own "not found" page through it. */
const NO_SUCH_PAGE = "/_malformed-url";

/** The development mailbox's email frame: the one page the portal itself may frame. */
const MAILBOX_FRAME = /^\/dev\/mailbox\/[^/]+$/;

/**
 * What proxy.ts does to every request: a request id, a CSP nonce, the security headers, and, on
 * next-auth's routes, a callbackUrl it can read. Pages read the nonce (and Next finds it) in the
 * request's own Content-Security-Policy header; the browser gets the same policy.
 */
export function secureRequest(request: NextRequest, settings: EdgeSettings): NextResponse {
  const { origin, protocol } = new URL(settings.publicUrl);
  const https = protocol === "https:";
  const malformed = isMalformedUrl(request.nextUrl);
  const crossOrigin =
    !malformed && isCrossOriginPagePost(request.method, request.nextUrl.pathname, request.headers);
  const framedBySelf = !malformed && MAILBOX_FRAME.test(request.nextUrl.pathname);
  const requestId = requestIdFrom(request.headers.get("x-request-id"));
  const nonce = newNonce();
  const pagePolicy = contentSecurityPolicy({ nonce, https, development: settings.development });

  // Fixes next-auth's cookie in place: before the headers are copied.
  const safeUrl =
    !malformed && request.nextUrl.pathname.startsWith("/api/auth/")
      ? withSafeCallbackUrl(request, origin)
      : null;
  const headers = new Headers(request.headers);
  headers.set("x-request-id", requestId);
  headers.set("content-security-policy", pagePolicy);

  // The same request again with the safe callbackUrl (307 keeps a POST a POST): next-auth reads
  // the query of the URL as sent, even after a rewrite.
  const response = malformed
    ? refuseMalformedUrl(request, origin, headers)
    : crossOrigin
      ? new NextResponse(null, { status: 403 })
      : safeUrl
        ? NextResponse.redirect(safeUrl, 307)
        : NextResponse.next({ request: { headers } });
  response.headers.set("x-request-id", requestId);
  // The response's own header would be replaced by this one: the email frame's policy is here too.
  response.headers.set("content-security-policy", framedBySelf ? EMAIL_FRAME_POLICY : pagePolicy);
  for (const [name, value] of Object.entries(securityHeaders({ https, framedBySelf })))
    response.headers.set(name, value);
  return response;
}

/**
 * A malformed URL: the API answers a 400 problem (RFC 9457, the API's way of saying what was
 * wrong), a page is the portal's own "not found" page.
 */
function refuseMalformedUrl(request: NextRequest, origin: string, headers: Headers): NextResponse {
  if (request.nextUrl.pathname.startsWith("/api/")) {
    const problem = malformedUrlProblem();
    return new NextResponse(problem.body, problem);
  }
  return NextResponse.rewrite(new URL(NO_SUCH_PAGE, origin), { request: { headers } });
}

/** The API's answer to a malformed URL: a 400 problem. */
export function malformedUrlProblem(): Response {
  return problemResponse("VALIDATION", "The URL is not valid UTF-8 or contains a NUL character.");
}

/**
 * next-auth answers a callbackUrl it cannot parse (";env;", "//%zz") with a 500 before any of its
 * callbacks runs: replace such a value, in the query or in next-auth's cookie, with its safe
 * target. Cookies are fixed on `request` in place; the URL with a safe query is returned when
 * the query had to change, null when it did not.
 */
function withSafeCallbackUrl(request: NextRequest, origin: string): URL | null {
  for (const name of CALLBACK_COOKIES) {
    const value = request.cookies.get(name)?.value;
    if (value !== undefined && !isSafeRedirectTarget(value, origin))
      request.cookies.set(name, safeRedirectTarget(value, origin));
  }
  const values = request.nextUrl.searchParams.getAll("callbackUrl");
  if (values.length === 0 || (values.length === 1 && isSafeRedirectTarget(values[0]!, origin)))
    return null;
  const url = new URL(`${request.nextUrl.pathname}${request.nextUrl.search}`, origin);
  url.searchParams.set("callbackUrl", safeRedirectTarget(values.at(-1), origin));
  return url;
}

/** An API answer's policy: JSON loads nothing and is framed by nothing. */
export const API_POLICY = "default-src 'none'; frame-ancestors 'none'";

/**
 * What proxy.ts does, for /api/v1, which the proxy does not see (its matcher leaves it out: Next
 * reads the whole body of every request the proxy sees before the handler runs, so a client
 * announcing 50 MB and sending 1 kB would hold its request open instead of getting a 413): the
 * request id (kept if safe), the security headers, and a 400 problem for a malformed URL. `handle`
 * gets the request id for its log lines.
 */
export async function atApiEdge(
  request: Request,
  { https }: { https: boolean },
  handle: (requestId: string) => Promise<Response>,
): Promise<Response> {
  const requestId = requestIdFrom(request.headers.get("x-request-id"));
  const response = isMalformedUrl(new URL(request.url))
    ? malformedUrlProblem()
    : await handle(requestId);
  response.headers.set("x-request-id", requestId);
  response.headers.set("content-security-policy", API_POLICY);
  for (const [name, value] of Object.entries(securityHeaders({ https, framedBySelf: false })))
    response.headers.set(name, value);
  return response;
}
