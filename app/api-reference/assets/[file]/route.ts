import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import path from "node:path";

/** The renderer's files the reference page loads, from the installed swagger-ui-dist package. */
const FILES: Record<string, string> = {
  "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
  "swagger-ui.css": "text/css; charset=utf-8",
};

const loaded = new Map<string, Promise<{ body: Buffer; etag: string }>>();

function load(file: string) {
  let entry = loaded.get(file);
  if (!entry) {
    entry = readFile(path.join(process.cwd(), "node_modules", "swagger-ui-dist", file)).then(
      (body) => ({
        body,
        etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`,
      }),
    );
    loaded.set(file, entry);
  }
  return entry;
}

/** GET /api-reference/assets/{file}: one of FILES (anything else is 404), cached by the browser for a day. */
export async function GET(request: Request, { params }: { params: Promise<{ file: string }> }) {
  const { file } = await params;
  const type = Object.hasOwn(FILES, file) ? FILES[file] : undefined;
  if (!type) return new Response("Not found", { status: 404 });
  const { body, etag } = await load(file);
  const headers = { "content-type": type, etag, "cache-control": "public, max-age=86400" };
  if (request.headers.get("if-none-match") === etag)
    return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(body), { headers });
}
