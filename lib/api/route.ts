import { createHash } from "node:crypto";
import type { ZodType } from "zod";
import { validationError } from "@/lib/actions/mutation";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { atApiEdge } from "@/lib/http/edge";
import { logger } from "@/lib/log";
import { consumeRateLimit, type RateLimitName } from "@/lib/rate-limit";
import { assertAnnouncedBodyWithinLimit, assertSafeInput, BodyTooLarge, jsonBody } from "./input";
import { problemFromAppError, problemResponse } from "./problem";
import type { ApiScope } from "./rules";
import { bearerToken, hasScope, resolveCaller, type ApiCaller } from "./token-auth";

type Params = Record<string, string>;

export interface RouteContext<P extends Params> {
  request: Request;
  url: URL;
  params: P;
  caller: ApiCaller;
  /**
   * The JSON body as sent, once the route's `body` schema accepted it ({} without one): the Mutation
   * the handler runs parses it again, with its own schema (which the body's is part of).
   */
  body: Record<string, unknown>;
}

/** What a handler answers: JSON with a status (200 by default). */
export interface ApiAnswer {
  status?: number;
  body: unknown;
}

interface RouteOptions {
  /** The scope the endpoint needs (the token is refused with 403 without it); null: any token. */
  scope: ApiScope | null;
  /** The named limit (lib/rate-limit.ts) each call spends a point of, keyed by the token. */
  limit: RateLimitName;
  /**
   * The JSON body the endpoint takes (lib/api/contract.ts): refused with VALIDATION unless it
   * passes. The OpenAPI document publishes this same schema (a unit test compares them).
   */
  body?: ZodType;
}

/** An endpoint's handler as Next calls it, with the body schema it parses (for that test). */
export type ApiHandler<P extends Params> = ((
  request: Request,
  context: { params: Promise<P> },
) => Promise<Response>) & { readonly body: ZodType | undefined };

/**
 * A response's ETag: a hash of its body. Computing it costs a hash of a few hundred bytes; it saves
 * a client that polls (a dashboard, a sync job) the body and its parsing when nothing changed.
 */
export function etagOf(body: string): string {
  return `W/"${createHash("sha256").update(body).digest("base64url").slice(0, 27)}"`;
}

/** A 200 JSON answer to a read, or 304 when the client already has this body (If-None-Match). */
export function jsonRead(
  request: Request,
  body: unknown,
  headers: Record<string, string> = {},
): Response {
  const text = JSON.stringify(body);
  const etag = etagOf(text);
  const common = { etag, "cache-control": "private, no-cache", ...headers };
  const known = request.headers
    .get("if-none-match")
    ?.split(",")
    .map((tag) => tag.trim());
  if (known?.includes(etag) || known?.includes("*"))
    return new Response(null, { status: 304, headers: common });
  return new Response(text, {
    status: 200,
    headers: { "content-type": "application/json", ...common },
  });
}

/** Turns anything a handler threw into a problem: expected failures by their code, the rest as INTERNAL with a log line. */
export function problemFromError(error: unknown, requestId: string, name: string): Response {
  if (error instanceof AppError) return problemFromAppError(error);
  if (error instanceof BodyTooLarge)
    // Connection: close, so that a client still sending is not read to its end either.
    return problemResponse("PAYLOAD_TOO_LARGE", `${error.message}.`, {}, { connection: "close" });
  logger.error({ err: error, requestId, route: name }, "api call failed");
  return problemResponse("INTERNAL", "Something went wrong on our side.", { requestId });
}

/**
 * Every handler of /api/v1, at the edge (lib/http/edge.ts: request id, security headers, a
 * malformed URL refused), and a body announced over the limit refused before anything is read
 * (413), whatever the endpoint.
 */
export function apiEdge<C>(
  name: string,
  handle: (request: Request, context: C, requestId: string) => Promise<Response>,
): (request: Request, context: C) => Promise<Response> {
  return (request, context) =>
    atApiEdge(request, { https: env().NEXTAUTH_URL.startsWith("https:") }, async (requestId) => {
      try {
        assertAnnouncedBodyWithinLimit(request);
        return await handle(request, context, requestId);
      } catch (error) {
        return problemFromError(error, requestId, name);
      }
    });
}

/**
 * Every endpoint of /api/v1 but the access check (which does all of this in one statement) and the
 * OpenAPI document: the bearer token resolved to its caller (401), its scope (403), the path
 * parameters checked, one point of its rate limit (429 with Retry-After), the body parsed, then the
 * handler; expected failures become problems with the UI's codes, anything else a 500 problem and a
 * log line.
 */
export function apiRoute<P extends Params>(
  name: string,
  options: RouteOptions,
  handler: (context: RouteContext<P>) => Promise<Response | ApiAnswer>,
): ApiHandler<P> {
  const route = apiEdge(name, async (request: Request, context: { params: Promise<P> }) => {
    const token = bearerToken(request.headers.get("authorization"));
    const caller = token ? await resolveCaller(token) : null;
    if (!caller)
      return problemResponse(
        "UNAUTHENTICATED",
        "A valid API token is required: Authorization: Bearer sap_….",
      );
    if (options.scope && !hasScope(caller, options.scope)) {
      return problemResponse("FORBIDDEN", `This token lacks the scope ${options.scope}.`, {
        requiredScope: options.scope,
      });
    }
    const params = await context.params;
    assertSafeInput(params);
    await consumeRateLimit(options.limit, caller.tokenId);
    const body = options.body ? await jsonBody(request) : {};
    if (options.body) {
      const parsed = options.body.safeParse(body);
      if (!parsed.success) throw validationError(parsed.error);
    }
    const answer = await handler({ request, url: new URL(request.url), params, caller, body });
    if (answer instanceof Response) return answer;
    return Response.json(answer.body, {
      status: answer.status ?? 200,
      headers: { "cache-control": "no-store" },
    });
  });
  return Object.assign(route, { body: options.body });
}
