/**
 * A tiny webhook receiver for trying the portal's webhooks (docs/api.md, "Trying it on the demo"): listens on
 * http://localhost:4000/hooks (PORT to change it), verifies each delivery's Standard Webhooks
 * signature with the reference library (`standardwebhooks`) and the endpoint's secret, and prints
 * it. Usage: WEBHOOK_SECRET=whsec_… npx tsx scripts/webhook-receiver.ts
 */
import http from "node:http";
import { Webhook } from "standardwebhooks";

const secret = process.env.WEBHOOK_SECRET;
if (!secret?.startsWith("whsec_")) {
  console.error(
    "Set WEBHOOK_SECRET to the endpoint's signing secret (whsec_…), shown when you register it.",
  );
  process.exit(1);
}
const port = Number(process.env.PORT ?? 4000);
const verifier = new Webhook(secret);

const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const body = Buffer.concat(chunks).toString("utf8");
    try {
      const event = verifier.verify(body, request.headers as Record<string, string>) as {
        type: string;
        data: unknown;
      };
      console.log(
        `✔ ${request.headers["webhook-id"]} ${event.type} (signature verified)\n${JSON.stringify(event.data, null, 2)}`,
      );
      response.writeHead(204).end();
    } catch (error) {
      console.log(`✘ refused a delivery: ${(error as Error).message}`);
      response.writeHead(400).end();
    }
  });
});

server.listen(port, "127.0.0.1", () =>
  console.log(`Receiving webhooks on http://localhost:${port}/hooks (Ctrl+C to stop)`),
);
