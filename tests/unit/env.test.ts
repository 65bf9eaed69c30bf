import { describe, expect, it } from "vitest";
import { devMailboxEnabled, EnvError, parseEnv } from "@/lib/env";

const valid = {
  DATABASE_URL: "postgres://u:p@localhost:5432/portal",
  NEXTAUTH_SECRET: "x".repeat(32),
};

describe("environment", () => {
  it("accepts a minimal environment and fills the defaults", () => {
    const env = parseEnv(valid);
    expect(env.NEXTAUTH_URL).toBe("http://localhost:3000");
    expect(env.ACCESS_REQUEST_TTL_DAYS).toBe(30);
    expect(env.OUTBOX_WORKER).toBe("on");
  });

  it("names every missing or malformed variable", () => {
    let message = "";
    try {
      parseEnv({ DATABASE_URL: "mysql://nope", SMTP_URL: "not a url", ESCALATE_AFTER_DAYS: "-3" });
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      message = (error as Error).message;
    }
    for (const name of ["DATABASE_URL", "NEXTAUTH_SECRET", "SMTP_URL", "ESCALATE_AFTER_DAYS"]) {
      expect(message).toContain(name);
    }
  });

  it("wants the three OpenID Connect variables together", () => {
    expect(() => parseEnv({ ...valid, OIDC_ISSUER: "http://localhost:9000" })).toThrow(/OIDC_ISSUER/);
    expect(parseEnv({ ...valid, OIDC_ISSUER: "http://localhost:9000", OIDC_CLIENT_ID: "a", OIDC_CLIENT_SECRET: "b" }).OIDC_CLIENT_ID).toBe("a");
  });

  it("shows the dev mailbox unless mail is really sent in production", () => {
    expect(devMailboxEnabled(parseEnv({ ...valid, NODE_ENV: "production" }))).toBe(true);
    expect(devMailboxEnabled(parseEnv({ ...valid, NODE_ENV: "development", SMTP_URL: "smtp://localhost:25" }))).toBe(true);
    expect(devMailboxEnabled(parseEnv({ ...valid, NODE_ENV: "production", SMTP_URL: "smtp://localhost:25" }))).toBe(false);
  });
});
