import { spawn } from "node:child_process";
import { mkdirSync, rmSync, appendFileSync } from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { seedDemoData } from "@/prisma/seed";
import { buildIfStale, nextBin, serverNodeOptions } from "@/scripts/build";
import { startMailCatcher } from "../../support/mail-catcher";
import { startTestDatabase } from "../../support/test-database";
import { startOidcProvider } from "./oidc-provider";
import { waitForHealth } from "./servers";
import { E2E_PORT } from "../../../playwright.config";

export const MAIL_LOG = path.resolve("test-results", `e2e-mail-${E2E_PORT}`, "mails.jsonl");

/** Opens /api/health's details to the tests (the public answer is the status alone). */
const HEALTH_TOKEN = "e2e-health-token-e2e-health-token-e2e";

/**
 * The real thing, end to end: a fresh PostgreSQL, a real SMTP server that writes what it receives
 * to MAIL_LOG (read by the tests), a real OpenID provider, and the production build under
 * `next start`, configured for production (not demo mode: no dev mailbox, no demo users listed).
 */
export default async function globalSetup() {
  const database = await startTestDatabase();
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
  await seedDemoData(db);
  await db.$disconnect();

  rmSync(path.dirname(MAIL_LOG), { recursive: true, force: true });
  mkdirSync(path.dirname(MAIL_LOG), { recursive: true });
  const catcher = await startMailCatcher((mail) =>
    appendFileSync(MAIL_LOG, `${JSON.stringify(mail)}\n`),
  );

  const baseUrl = `http://localhost:${E2E_PORT}`;
  const oidc = await startOidcProvider(`${baseUrl}/api/auth/callback/oidc`);

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: database.url,
    NEXTAUTH_URL: baseUrl,
    NEXTAUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e",
    SMTP_URL: catcher.url,
    HEALTH_TOKEN,
    // The tests play the proxy in front: their X-Forwarded-For names the client (per-client limits).
    TRUSTED_PROXIES: "127.0.0.1, ::1",
    OUTBOX_POLL_MS: "200",
    // One production server, no `npm run worker`: it runs every job, emails included.
    JOBS: "outbox,webhooks,request-sweep,membership-sweep,retention,insights-rollup",
    OIDC_ISSUER: oidc.issuer,
    OIDC_CLIENT_ID: oidc.clientId,
    OIDC_CLIENT_SECRET: oidc.clientSecret,
    OIDC_NAME: "Acme SSO",
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  buildIfStale(env, (line) => console.log(line));
  const server = spawn(nextBin, ["start", "--port", String(E2E_PORT)], {
    env: { ...env, NODE_OPTIONS: serverNodeOptions(env.NODE_OPTIONS) },
    stdio: ["ignore", "inherit", "inherit"],
  });
  await waitForHealth(
    `${baseUrl}/api/health`,
    60_000,
    new Promise((resolve) => server.once("exit", resolve)),
  );

  process.env.E2E_DATABASE_URL = database.url;
  process.env.E2E_MAIL_LOG = MAIL_LOG;
  process.env.E2E_HEALTH_TOKEN = HEALTH_TOKEN;

  return async () => {
    server.kill("SIGTERM");
    await new Promise((resolve) => server.once("exit", resolve));
    await oidc.stop();
    await catcher.stop();
    await database.stop();
  };
}
