import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";

/**
 * GET /api-reference/scalar.js: Scalar's standalone bundle from the installed @scalar/api-reference
 * package (read once), so that the reference needs no CDN and nothing but the portal's own origin.
 */
let bundle: Promise<{ body: Buffer; etag: string }> | undefined;

function load() {
  bundle ??= readFile(path.join(process.cwd(), "node_modules", "@scalar", "api-reference", "dist", "browser", "standalone.js")).then((body) => ({
    body,
    etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`,
  }));
  return bundle;
}

export async function GET(request: Request) {
  const { body, etag } = await load();
  const headers = { "content-type": "text/javascript; charset=utf-8", etag, "cache-control": "public, max-age=86400" };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(body), { headers });
}
