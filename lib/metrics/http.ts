import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, ServerResponse } from "node:http";
import { logger } from "@/lib/log";
import { metrics } from "./registry";
import { appRoutes, routeOf, type RoutePattern } from "./routes";

const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

const globalForHttp = globalThis as unknown as { portalHttpMetrics?: boolean };

/**
 * Times every request this process's HTTP server answers (portal_http_request_duration_seconds),
 * from Node's own diagnostics channels: `http.server.request.start` when the request arrives,
 * `http.server.response.finish` when its last byte is handed to the socket. Seen from Node's
 * server, so pages, server actions, route handlers, static files and Next's own 404s are all
 * counted, labelled with their route pattern from app/ (lib/metrics/routes.ts). Called at boot
 * (lib/boot.ts), as the peer address stamp is.
 */
export function observeHttpRequests(): void {
  if (globalForHttp.portalHttpMetrics) return;
  globalForHttp.portalHttpMetrics = true;
  let patterns: RoutePattern[] = [];
  try {
    patterns = appRoutes();
  } catch (error) {
    logger.warn({ err: error }, "metrics: app/ could not be read; every route is 'unmatched'");
  }
  const started = new WeakMap<IncomingMessage, bigint>();
  const { httpRequests } = metrics();
  subscribe("http.server.request.start", (message) => {
    started.set((message as { request: IncomingMessage }).request, process.hrtime.bigint());
  });
  subscribe("http.server.response.finish", (message) => {
    const { request, response } = message as {
      request: IncomingMessage;
      response: ServerResponse;
    };
    const start = started.get(request);
    if (start === undefined) return;
    started.delete(request);
    httpRequests.observe(
      {
        method: METHODS.has(request.method ?? "") ? request.method! : "other",
        route: routeOf(request.url ?? "/", patterns),
        status: String(response.statusCode),
      },
      Number(process.hrtime.bigint() - start) / 1e9,
    );
  });
}
