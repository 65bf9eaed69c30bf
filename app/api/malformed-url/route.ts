import { env } from "@/lib/env";
import { atApiEdge, malformedUrlProblem } from "@/lib/http/edge";

export const dynamic = "force-dynamic";

/**
 * Where next.config.ts rewrites an /api/v1 URL that does not decode (MALFORMED_API_PATH in
 * lib/http/malformed-url.ts): the 400 problem at once, with the edge's headers, whatever the
 * method, without reading the body.
 */
function refuse(request: Request): Promise<Response> {
  return atApiEdge(request, { https: env().NEXTAUTH_URL.startsWith("https:") }, async () =>
    malformedUrlProblem(),
  );
}

export const GET = refuse;
export const POST = refuse;
export const PUT = refuse;
export const PATCH = refuse;
export const DELETE = refuse;
