import { mkdir, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { startAppServers, troubleIn, type AppServer } from "./app-servers";
import { startRestartableDatabase, type RestartableDatabase } from "./database";
import { startNginx, type LoadBalancer } from "./nginx";
import { allocatePort } from "./ports";
import { startSmtpRelay, type SmtpRelay } from "./smtp-relay";

export interface Cluster {
  /** The load balancer's address: what users and their emails' links use. */
  url: string;
  servers: AppServer[];
  database: RestartableDatabase;
  smtp: SmtpRelay;
  /** The test's own connection to the database, to arrange data and check what was written. */
  db: PrismaClient;
  /** Servers that ended by themselves and lines of their output that show something unhandled. */
  trouble(): string[];
  stop(): Promise<void>;
}

export const NEXTAUTH_SECRET = "resilience-secret-resilience-secret-resilience";
/** The domain of MAIL_FROM, hence of every Message-ID the outbox gives. */
export const MAIL_DOMAIN = "resilience.example";

/**
 * The production topology in miniature: one PostgreSQL, one SMTP relay, `servers` app servers (each
 * running its outbox worker) and nginx in front of them, round-robin. `env` adds to or overrides
 * the servers' environment. The servers' output is kept in test-results/resilience/<name>/.
 */
export async function startCluster(options: {
  name: string;
  servers?: number;
  env?: Record<string, string>;
}): Promise<Cluster> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "portal-resilience-"));
  const logDir = path.resolve("test-results", "resilience", options.name);
  await rm(logDir, { recursive: true, force: true });
  await mkdir(logDir, { recursive: true });
  const stops: (() => Promise<unknown>)[] = [() => rm(dir, { recursive: true, force: true })];
  const stop = async () => {
    for (const step of stops.splice(0).reverse())
      await step().catch((error) => console.error(error));
  };
  try {
    const database = await startRestartableDatabase();
    stops.push(() => database.dispose());
    const db = new PrismaClient({
      adapter: new PrismaPg({ connectionString: database.url, connectionTimeoutMillis: 5_000 }),
    });
    stops.push(() => db.$disconnect());
    const smtp = await startSmtpRelay();
    stops.push(() => smtp.stop());
    const balancerPort = await allocatePort();
    const url = `http://localhost:${balancerPort}`;
    const servers = await startAppServers(
      options.servers ?? 3,
      {
        ...process.env,
        DATABASE_URL: database.url,
        NEXTAUTH_URL: url,
        NEXTAUTH_SECRET,
        SMTP_URL: smtp.url,
        MAIL_FROM: `Portal <portal@${MAIL_DOMAIN}>`,
        DEV_MAILBOX: "off",
        OUTBOX_POLL_MS: "200",
        LOG_LEVEL: "warn",
        ...options.env,
      },
      logDir,
    );
    stops.push(() => Promise.all(servers.map((server) => server.stop())));
    const balancer: LoadBalancer = await startNginx({
      port: balancerPort,
      upstreamPorts: servers.map((server) => server.port),
      dir,
    });
    stops.push(() => balancer.stop());
    return {
      url,
      servers,
      database,
      smtp,
      db,
      trouble: () =>
        servers.flatMap((server) =>
          [
            server.unexpectedExit(),
            ...troubleIn(server.output()).map((line) => `${server.name}: ${line}`),
          ].filter((line): line is string => Boolean(line)),
        ),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** Resolves once `check` is true, polling; fails after `timeoutMs` with `what`. */
export async function eventually(
  what: string,
  check: () => Promise<boolean>,
  timeoutMs: number,
  everyMs = 250,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Prints a scenario's figures in one line, for the CI log and the report. */
export function printFigures(scenario: string, figures: Record<string, number | string>): void {
  console.log(
    `[resilience] ${scenario}: ${Object.entries(figures)
      .map(([name, value]) => `${name} ${value}`)
      .join(", ")}`,
  );
}
