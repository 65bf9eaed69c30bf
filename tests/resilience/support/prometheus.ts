import { spawn } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { allocatePort } from "./ports";

const PROMETHEUS = process.env.PROMETHEUS_PATH ?? "/usr/bin/prometheus";

export interface Prometheus {
  /** Resolves once every target has been scraped (`up` is 1 for each). */
  scraped(timeoutMs: number): Promise<void>;
  /** An instant query's vector: each sample's labels and value. */
  query(expression: string): Promise<{ metric: Record<string, string>; value: number }[]>;
  stop(): Promise<void>;
}

/**
 * Debian's Prometheus (`apt-get install prometheus`) in the foreground, scraping `targets`' path
 * every second with `token` as a bearer token, its data and log in `dir`: a real scraper of the
 * servers' /api/metrics, queried through its HTTP API.
 */
export async function startPrometheus(options: {
  dir: string;
  targets: string[];
  metricsPath: string;
  token: string;
}): Promise<Prometheus> {
  await mkdir(options.dir, { recursive: true });
  const port = await allocatePort();
  const tokenFile = path.join(options.dir, "token");
  await writeFile(tokenFile, options.token);
  const config = path.join(options.dir, "prometheus.yml");
  await writeFile(
    config,
    [
      "global: { scrape_interval: 1s, scrape_timeout: 1s }",
      "scrape_configs:",
      "  - job_name: portal",
      `    metrics_path: ${options.metricsPath}`,
      `    authorization: { credentials_file: ${tokenFile} }`,
      `    static_configs: [{ targets: ${JSON.stringify(options.targets)} }]`,
      "",
    ].join("\n"),
  );
  const prometheus = spawn(
    PROMETHEUS,
    [
      `--config.file=${config}`,
      `--storage.tsdb.path=${path.join(options.dir, "data")}`,
      `--web.listen-address=127.0.0.1:${port}`,
    ],
    { stdio: ["ignore", "ignore", "ignore"] },
  );
  const exited = new Promise<void>((resolve) => prometheus.once("exit", () => resolve()));
  prometheus.once("error", (error) =>
    console.error(
      `prometheus did not start (${PROMETHEUS}; apt-get install prometheus): ${error.message}`,
    ),
  );
  const api = `http://127.0.0.1:${port}/api/v1`;

  async function query(expression: string) {
    const response = await fetch(`${api}/query?query=${encodeURIComponent(expression)}`);
    const body = (await response.json()) as {
      data: { result: { metric: Record<string, string>; value: [number, string] }[] };
    };
    return body.data.result.map((sample) => ({
      metric: sample.metric,
      value: Number(sample.value[1]),
    }));
  }

  return {
    query,
    async scraped(timeoutMs) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        if (prometheus.exitCode !== null) throw new Error("prometheus exited");
        const up = await query('up{job="portal"}').catch(() => []);
        if (up.length === options.targets.length && up.every((sample) => sample.value === 1))
          return;
        if (Date.now() > deadline)
          throw new Error(`not every target was scraped: ${JSON.stringify(up)}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    },
    async stop() {
      if (prometheus.exitCode !== null || prometheus.signalCode !== null) return;
      prometheus.kill("SIGTERM");
      await exited;
    },
  };
}
