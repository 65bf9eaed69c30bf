import { z } from "zod";

const optionalUrl = z.preprocess((v) => (v === "" ? undefined : v), z.url().optional());
const positiveInt = (fallback: number) => z.coerce.number().int().positive().default(fallback);

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .string({ error: "DATABASE_URL is required (npm start sets it when it starts its own PostgreSQL)" })
      .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgres:// or postgresql:// URL"),
    NEXTAUTH_URL: z.url().default("http://localhost:3000"),
    NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters"),
    SMTP_URL: optionalUrl,
    MAIL_FROM: z.string().min(3).default("Smart Account Access <no-reply@localhost>"),
    SUPPORT_EMAIL: z.email().default("support@example.com"),
    OIDC_ISSUER: optionalUrl,
    OIDC_CLIENT_ID: z.string().optional(),
    OIDC_CLIENT_SECRET: z.string().optional(),
    OIDC_NAME: z.string().default("Company SSO"),
    OUTBOX_WORKER: z.enum(["on", "off"]).default("on"),
    OUTBOX_POLL_MS: positiveInt(1000),
    OUTBOX_MAX_ATTEMPTS: positiveInt(8),
    /** Emails each worker renders and sends at once, over as many pooled SMTP connections. */
    OUTBOX_SEND_CONCURRENCY: positiveInt(5),
    /** How long a claimed email stays invisible to other workers (renewed while it is being sent). */
    OUTBOX_LEASE_MS: positiveInt(60_000),
    DEV_MAILBOX: z.enum(["on", "off"]).optional(),
    ACCESS_REQUEST_TTL_DAYS: positiveInt(30),
    ESCALATE_AFTER_DAYS: positiveInt(7),
    REMINDER_INTERVAL_HOURS: positiveInt(24),
    LOOKUP_RATE_LIMIT_PER_MINUTE: positiveInt(20),
    LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
    /** `on` serves /api/bench (static JSON), the baseline of `npm run bench`; 404 otherwise. */
    BENCH_ROUTES: z.enum(["on", "off"]).default("off"),
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
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {}

/** Validates an environment; the message names every missing or malformed variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = envSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new EnvError(`Invalid environment:\n${lines.join("\n")}`);
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

/** The dev mailbox (/dev/mailbox) exists unless mail is really being sent in production. */
export function devMailboxEnabled(e: Env = env()): boolean {
  if (e.DEV_MAILBOX) return e.DEV_MAILBOX === "on";
  return !(e.NODE_ENV === "production" && e.SMTP_URL);
}

export function oidcEnabled(e: Env = env()): boolean {
  return Boolean(e.OIDC_ISSUER && e.OIDC_CLIENT_ID && e.OIDC_CLIENT_SECRET);
}
