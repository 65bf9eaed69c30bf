import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { gzip } from "node:zlib";

/** The renderer's files the reference page loads, from the installed swagger-ui-dist package. */
const FILES: Record<string, string> = {
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "swagger-ui.css": "text/css; charset=utf-8",
};

/** Each file as written and gzipped: the bundle is 1.7 MB, 0.46 MB gzipped (route handlers' answers are not compressed by Next). */
const loaded = new Map<string, Promise<{ body: Buffer; gzipped: Buffer; etag: string }>>();

function load(file: string) {
  let entry = loaded.get(file);
  if (!entry) {
    entry = readFile(path.join(process.cwd(), "node_modules", "swagger-ui-dist", file)).then(async (body) => ({
      body,
      gzipped: await promisify(gzip)(body, { level: 9 }),
      etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`,
    }));
    loaded.set(file, entry);
  }
  return entry;
}

/**
 * GET /api-reference/assets/{file}: one of FILES (anything else is 404), gzipped for a browser
 * that accepts it, cached by the browser for a day.
 */
export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const type = Object.hasOwn(FILES, file) ? FILES[file] : undefined;
  if (!type) return new Response("Not found", { status: 404 });
  const { body, gzipped, etag } = await load(file);
  const headers: Record<string, string> = { "content-type": type, etag, "cache-control": "public, max-age=86400", vary: "accept-encoding" };
  if (request.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  if (!/\bgzip\b/.test(request.headers.get("accept-encoding") ?? "")) return new Response(new Uint8Array(body), { headers });
  return new Response(new Uint8Array(gzipped), { headers: { ...headers, "content-encoding": "gzip" } });
}
