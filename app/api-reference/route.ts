import { ApiReference } from "@scalar/nextjs-api-reference";

// The nonce differs on every response.
export const dynamic = "force-dynamic";

/** The nonce proxy.ts put in this request's Content-Security-Policy (the browser gets the same policy). */
function nonceOf(request: Request): string | undefined {
  return /'nonce-([^']+)'/.exec(request.headers.get("content-security-policy") ?? "")?.[1];
}

/**
 * GET /api-reference: the API reference, rendered from /api/v1/openapi.json by Scalar (a maintained
 * renderer), its bundle served by the portal itself (./scalar.js) under the pages' CSP with this
 * response's nonce: no CDN, no default fonts from elsewhere, no telemetry.
 */
export async function GET(request: Request) {
  const render = ApiReference({
    url: "/api/v1/openapi.json",
    cdn: "/api-reference/scalar.js",
    nonce: nonceOf(request),
    pageTitle: "Smart Account access portal API",
    withDefaultFonts: false,
    telemetry: false,
    hideClientButton: true,
    showDeveloperTools: "never",
  });
  const html = await render().text();
  // The renderer's page has no language: the reference is written in English.
  return new Response(html.replace("<html>", '<html lang="en">'), { headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" } });
}
