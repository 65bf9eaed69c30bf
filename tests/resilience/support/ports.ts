import { createServer } from "node:net";
import { freePort } from "../../support/test-database";

// On a machine shared with other test runs, RESILIENCE_PORTS=3300-3399 keeps this suite to its own
// ports; otherwise the system picks free ones.
const range = /^(\d+)-(\d+)$/.exec(process.env.RESILIENCE_PORTS ?? "");
let next = range ? Number(range[1]) : 0;

function isFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

/** A port nothing listens on, for one of the suite's servers. */
export async function allocatePort(): Promise<number> {
  if (!range) return freePort();
  while (next <= Number(range[2])) {
    const port = next++;
    if (await isFree(port)) return port;
  }
  throw new Error(`No free port left in RESILIENCE_PORTS=${process.env.RESILIENCE_PORTS}`);
}
