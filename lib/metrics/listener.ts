import { createServer, type Server } from "node:http";
import { logger } from "@/lib/log";
import { answerScrape } from "./exposition";

/**
 * The worker's (`npm run worker`) own /metrics: a small HTTP server on METRICS_PORT answering
 * `GET /metrics` (and `/api/metrics`, the web process's path) with the same token rule as the web
 * process; anything else is 404. The web process needs none: it serves /api/metrics.
 */
export function startMetricsListener(port: number, token: string | undefined): Server {
  const server = createServer((request, response) => {
    const pathname = (request.url ?? "/").split("?", 1)[0];
    if (request.method !== "GET" || (pathname !== "/metrics" && pathname !== "/api/metrics")) {
      response.writeHead(404, { "content-type": "text/plain" }).end("Not Found\n");
      return;
    }
    answerScrape(request.headers.authorization ?? null, token).then(
      (answer) => response.writeHead(answer.status, answer.headers).end(answer.body),
      (error: unknown) => {
        logger.error({ err: error }, "metrics: a scrape failed");
        response.writeHead(500, { "content-type": "text/plain" }).end("Internal Server Error\n");
      },
    );
  });
  server.listen(port, () => logger.info({ port }, "metrics: serving /metrics"));
  return server;
}
