import { spawn } from "node:child_process";
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises";
import net from "node:net";
import path from "node:path";

const NGINX = process.env.NGINX_PATH ?? "/usr/sbin/nginx";
const TEMPLATE = path.resolve("tests", "resilience", "nginx.conf");

export interface LoadBalancer {
  url: string;
  stop(): Promise<void>;
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, "127.0.0.1", () => (socket.destroy(), resolve(true)));
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nginx is not listening on ${port}`);
}

/**
 * Debian's nginx (`apt-get install nginx`) in the foreground, round-robin over `upstreamPorts`,
 * with the repository's config (tests/resilience/nginx.conf) and every file it writes in `dir`.
 */
export async function startNginx(options: {
  port: number;
  upstreamPorts: number[];
  dir: string;
}): Promise<LoadBalancer> {
  await mkdir(path.join(options.dir, "tmp"), { recursive: true });
  // Run as root, nginx's workers are `nobody`: they must reach the temp directories.
  await chmod(options.dir, 0o755);
  const config = (await readFile(TEMPLATE, "utf8"))
    .replace(
      "__UPSTREAMS__",
      options.upstreamPorts.map((port) => `server 127.0.0.1:${port};`).join("\n    "),
    )
    .replace("__LISTEN_PORT__", String(options.port));
  const configFile = path.join(options.dir, "nginx.conf");
  await writeFile(configFile, config);
  const nginx = spawn(
    NGINX,
    ["-p", options.dir, "-c", configFile, "-e", path.join(options.dir, "error.log")],
    { stdio: ["ignore", "inherit", "inherit"] },
  );
  const exited = new Promise<void>((resolve) => nginx.once("exit", () => resolve()));
  nginx.once("error", (error) =>
    console.error(`nginx did not start (${NGINX}; apt-get install nginx): ${error.message}`),
  );
  await Promise.race([
    waitForPort(options.port, 10_000),
    exited.then(() => Promise.reject(new Error("nginx exited at start"))),
  ]);
  return {
    url: `http://localhost:${options.port}`,
    async stop() {
      if (nginx.exitCode !== null || nginx.signalCode !== null) return;
      nginx.kill("SIGTERM");
      await exited;
    },
  };
}
