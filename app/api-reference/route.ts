// The nonce differs on every response.
export const dynamic = "force-dynamic";

/** The nonce proxy.ts put in this request's Content-Security-Policy (the browser gets the same policy). */
function nonceOf(request: Request): string {
  return /'nonce-([^']+)'/.exec(request.headers.get("content-security-policy") ?? "")?.[1] ?? "";
}

/**
 * GET /api-reference: the API reference, rendered in the browser from /api/v1/openapi.json by
 * Swagger UI (a maintained renderer that runs under the pages' strict CSP: no eval, no inline
 * styles), its files served by the portal itself (./assets): no CDN. This page is only its frame
 * and the one script that starts it, carrying this response's nonce. Deep links are off: Swagger UI
 * puts them as links inside each operation's toggle button, which screen readers cannot use.
 */
export function GET(request: Request) {
  const nonce = nonceOf(request).replace(/[^A-Za-z0-9+/=]/g, "");
  const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>API reference — Smart Account access portal</title>
    <link rel="stylesheet" href="/api-reference/assets/swagger-ui.css" />
    <link rel="stylesheet" href="/api-reference.css" />
  </head>
  <body>
    <main id="reference"></main>
    <script src="/api-reference/assets/swagger-ui-bundle.js" nonce="${nonce}"></script>
    <script nonce="${nonce}">
      SwaggerUIBundle({ url: "/api/v1/openapi.json", dom_id: "#reference", deepLinking: false, validatorUrl: null, tryItOutEnabled: false });
    </script>
  </body>
</html>`;
  return new Response(html, {
    headers: { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" },
  });
}
