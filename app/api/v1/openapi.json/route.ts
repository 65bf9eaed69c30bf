import { openApiDocument } from "@/lib/api/openapi";

/** GET /api/v1/openapi.json: the OpenAPI 3.1 document of /api/v1, generated from its zod schemas. */
export function GET() {
  return Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
