import { openApiDocument } from "@/lib/api/openapi";
import { apiEdge } from "@/lib/api/route";

/** GET /api/v1/openapi.json: the OpenAPI 3.1 document of /api/v1, generated from its zod schemas. */
export const GET = apiEdge("openapi", async () =>
  Response.json(openApiDocument(), { headers: { "cache-control": "public, max-age=300" } }),
);
