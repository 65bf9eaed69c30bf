import { z } from "zod";
import { parseTrustedProxies } from "@/lib/http/client-address";
import { JOB_NAMES } from "@/lib/jobs/names";

const optionalUrl = z.preprocess((v) => (v === "" ? undefined : v), z.url().optional());
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const positiveNumber = (fallback: number) => z.coerce.number().positive().default(fallback);
const onOff = z.enum(["on", "off"]);
/** `outbox,webhooks`: the named jobs; unset or empty: the process's default (lib/jobs/jobs.ts). */
const jobList = z.preprocess(
  (v) =>
    typeof v === "string" && v.trim() !== "" ? v.split(",").map((name) => name.trim()) : undefined,
  z.array(z.enum(JOB_NAMES, { error: `a job is one of ${JOB_NAMES.join(", ")}` })).optional(),
);

/** TRUSTED_PROXIES: a number of proxies, or their addresses and CIDR networks (lib/http/client-address.ts). */
const trustedProxies = z
  .string()
  .optional()
  .transform((value, ctx) => {
    try {
      return parseTrustedProxies(value);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
      return z.NEVER;
    }
  });

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string({
        error: "DATABASE_URL is required (npm start sets it when it starts its own PostgreSQL)",
      })
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// URL"),
    NEXTAUTH_URL: z.url().default("http://localhost:3000"),
    NEXTAUTH_SECRET: z
      .string({ error: "NEXTAUTH_SECRET is required (at least 32 characters)" })
      .min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
    /**
     * `on`: the demo (what `npm start` gives on its own PostgreSQL): the dev mailbox, the demo users
     * on the sign-in page. Never for real users: anyone can read every sign-in link there.
     */
    DEMO_MODE: onOff.default("off"),
    SMTP_URL: optionalUrl,
    MAIL_FROM: z.string().min(3).default("Smart Account Access <no-reply@localhost>"),
    SUPPORT_EMAIL: z.email().default("support@example.com"),
    OIDC_ISSUER: optionalUrl,
    OIDC_CLIENT_ID: z.string().optional(),
    OIDC_CLIENT_SECRET: z.string().optional(),
    OIDC_NAME: z.string().default("Company SSO"),
    /**
     * The master switch of the web process's background jobs: `off`, it runs none (then
     * `npm run worker`, which ignores this switch, runs them). See docs/jobs.md.
     */
    OUTBOX_WORKER: onOff.default("on"),
    /**
     * The background jobs a process runs (lib/jobs/jobs.ts), comma-separated. Unset: all of them,
     * but for a production web process, which leaves the outbox and webhooks to `npm run worker`.
     */
    JOBS: jobList,
    OUTBOX_POLL_MS: positiveInt(1000),
    /** How often the webhook job looks for due deliveries; OUTBOX_POLL_MS when unset. */
    WEBHOOK_POLL_MS: z.coerce.number().int().positive().optional(),
    /** How often pending requests are expired and escalated. */
    REQUEST_SWEEP_MS: positiveInt(60_000),
    /** How often time-bound accesses are announced and ended. */
    MEMBERSHIP_SWEEP_MS: positiveInt(60_000),
    /** How often sent emails past OUTBOX_RETENTION_DAYS are purged (hourly). */
    RETENTION_PURGE_MS: positiveInt(3_600_000),
    /** How often the insights rollup keeps the weeks that settled (hourly). */
    INSIGHTS_ROLLUP_MS: positiveInt(3_600_000),
    OUTBOX_MAX_ATTEMPTS: positiveInt(8),
    /** Emails each worker renders and sends at once, over as many pooled SMTP connections. */
    OUTBOX_SEND_CONCURRENCY: positiveInt(5),
    /** Only ever refused: the dev mailbox comes with demo mode, and with nothing else. */
    DEV_MAILBOX: onOff.optional(),
    /** Sent outbox rows keep their content this long (see lib/mail/retention.ts). */
    OUTBOX_RETENTION_DAYS: positiveInt(30),
    SIGN_IN_LINK_MINUTES: positiveInt(15),
    SESSION_IDLE_HOURS: positiveNumber(12),
    SESSION_LIFETIME_DAYS: positiveNumber(7),
    /** A bearer token that may read /api/health's details (migrations, outbox backlog). */
    HEALTH_TOKEN: z.string().min(32, "HEALTH_TOKEN must be at least 32 characters").optional(),
    /**
     * A bearer token that may read /api/metrics (Prometheus); unset, the endpoint does not exist
     * (404), in production as anywhere. See docs/deploy.md.
     */
    METRICS_TOKEN: z.string().min(32, "METRICS_TOKEN must be at least 32 characters").optional(),
    /** The port of `npm run worker`'s own /metrics listener (METRICS_TOKEN required); unset: none. */
    METRICS_PORT: z.coerce.number().int().min(1).max(65_535).optional(),
    /** How long a claimed email stays invisible to other workers (renewed while it is being sent). */
    OUTBOX_LEASE_MS: positiveInt(60_000),
    ACCESS_REQUEST_TTL_DAYS: positiveInt(30),
    ESCALATE_AFTER_DAYS: positiveInt(7),
    REMINDER_INTERVAL_HOURS: positiveInt(24),
    /** Days before a time-bound access ends that the member and the administrators are emailed. */
    MEMBERSHIP_END_WARNING_DAYS: positiveInt(7),
    LOOKUP_RATE_LIMIT_PER_MINUTE: positiveInt(20),
    /**
     * The proxies in front whose X-Forwarded-For is believed (the per-client limits): unset, none,
     * and the socket's address is the client's. See docs/deploy.md.
     */
    TRUSTED_PROXIES: trustedProxies,
    LOG_LEVEL: z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
      .default("info"),
    /** `on` serves /api/bench (static JSON), the baseline of `npm run bench`; 404 otherwise. */
    BENCH_ROUTES: onOff.default("off"),
  })
  .superRefine((env, ctx) => {
    const oidc = [env.OIDC_ISSUER, env.OIDC_CLIENT_ID, env.OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({
        code: "custom",
        path: ["OIDC_ISSUER"],
        message: "set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together, or none of them",
      });
    }
    if (env.METRICS_PORT && !env.METRICS_TOKEN) {
      ctx.addIssue({
        code: "custom",
        path: ["METRICS_PORT"],
        message: "METRICS_PORT serves the worker's metrics only for METRICS_TOKEN: set it too",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

type Source = Record<string, string | undefined>;

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * What a production server must have on top of a valid environment: each demo convenience it would
 * otherwise fall back to (a base URL of http://localhost:3000, mail delivered nowhere, the dev
 * mailbox that shows every sign-in link) would put real users at risk. Judged on the variables as
 * given, so that a default never hides a missing one.
 */
function productionProblems(source: Source): string[] {
  const problems: string[] = [];
  const baseUrl = URL.parse(source.NEXTAUTH_URL ?? "");
  if (!source.NEXTAUTH_URL) {
    problems.push(
      "NEXTAUTH_URL: required in production (the public https:// address of the portal)",
    );
  } else if (
    baseUrl &&
    baseUrl.protocol !== "https:" &&
    !(baseUrl.protocol === "http:" && LOCAL_HOSTS.has(baseUrl.hostname))
  ) {
    problems.push("NEXTAUTH_URL: must be https:// in production (http:// only for localhost)");
  }
  if (!source.SMTP_URL)
    problems.push(
      "SMTP_URL: required in production (without it no email, sign-in links included, is ever sent)",
    );
  if (source.DEV_MAILBOX === "on") {
    problems.push(
      "DEV_MAILBOX: the dev mailbox shows every sign-in link; it exists only in demo mode (DEMO_MODE=on), never in production",
    );
  }
  if (source.BENCH_ROUTES === "on" && !(baseUrl && LOCAL_HOSTS.has(baseUrl.hostname))) {
    problems.push(
      "BENCH_ROUTES: the bench's routes (/api/bench, with the server's memory figures) are for a server on localhost only (npm run bench), never in production",
    );
  }
  return problems;
}

/**
 * Validates an environment; the message names every missing or malformed variable, and in
 * production (NODE_ENV=production, not demo mode) every demo convenience that is not replaced.
 */
export function parseEnv(source: Source): Env {
  const result = envSchema.safeParse(source);
  const problems = result.success
    ? []
    : result.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
  if (source.NODE_ENV === "production" && source.DEMO_MODE !== "on")
    problems.push(...productionProblems(source));
  if (!result.success || problems.length) {
    throw new EnvError(`Invalid environment:\n${problems.map((line) => `  ${line}`).join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;

/**
 * The validated environment, read once. A function rather than a constant so that `next build`,
 * which imports server modules without a database, does not need the runtime variables.
 */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/**
 * Demo mode, the one switch of every demo convenience: the dev mailbox (/dev/mailbox, which shows
 * every email with its working links), the demo users on the sign-in page, and in `npm start` the
 * demo data on first start and a generated NEXTAUTH_SECRET. `npm start` turns it on when it runs
 * its own PostgreSQL; anything else asks for it with DEMO_MODE=on.
 */
export function demoMode(e: Env = env()): boolean {
  return e.DEMO_MODE === "on";
}

export function oidcEnabled(e: Env = env()): boolean {
  return Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
}
