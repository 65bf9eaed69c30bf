import { problemResponse } from "@/lib/api/problem";
import { apiEdge } from "@/lib/api/route";

export const dynamic = "force-dynamic";

/**
 * Any /api/v1 path no endpoint has: a 404 problem with the edge's headers (the proxy does not see
 * /api/v1), whatever the method, without reading the body. The endpoints: /api/v1/openapi.json.
 */
const notFound = apiEdge("notFound", async () =>
  problemResponse("NOT_FOUND", "No such endpoint: /api/v1/openapi.json lists them."),
);

export const GET = notFound;
export const HEAD = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;
export const OPTIONS = notFound;
