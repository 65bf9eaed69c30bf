import { randomBytes } from "node:crypto";

/** A fresh, unguessable nonce for one response's scripts (Next reads it from the CSP header). */
export function newNonce(): string {
  return randomBytes(16).toString("base64");
}

interface PolicyOptions {
  nonce: string;
  /** Served over https: ask the browser to upgrade any http subresource. */
  https: boolean;
  /** `next dev`: React rebuilds server error stacks with eval. */
  development: boolean;
}

/**
 * The development mailbox's email frame, the one response the portal itself may frame: an
 * email's HTML (inline styles, inline images), and nothing that runs.
 */
export const EMAIL_FRAME_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'";

/**
 * The Content-Security-Policy of every page: scripts only with this response's nonce (and what
 * they load: 'strict-dynamic'), nothing from other origins, no plugins, no <base>, no framing.
 */
export function contentSecurityPolicy({ nonce, https, development }: PolicyOptions): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${development ? " 'unsafe-eval'" : ""}`,
    // Next and React put the nonce on the styles they inline, and libraries that add <style> at
    // run time get it through get-nonce (instrumentation-client.ts); Tailwind's are a file.
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "frame-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ["upgrade-insecure-requests"] : []),
  ].join("; ");
}

/** The headers every response carries besides its CSP. */
export function securityHeaders({
  https,
  framedBySelf,
}: {
  https: boolean;
  framedBySelf: boolean;
}): Record<string, string> {
  return {
    "x-content-type-options": "nosniff",
    "referrer-policy": "strict-origin-when-cross-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
    "cross-origin-opener-policy": "same-origin",
    // For browsers that predate frame-ancestors.
    "x-frame-options": framedBySelf ? "SAMEORIGIN" : "DENY",
    // Two years, the usual; only meaningful (and only sent) over https.
    ...(https ? { "strict-transport-security": "max-age=63072000; includeSubDomains" } : {}),
  };
}
