import { describe, expect, it } from "vitest";
import { demoMode, EnvError, parseEnv } from "@/lib/env";

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
    expect(() => parseEnv({ ...valid, OIDC_ISSUER: "http://localhost:9000" })).toThrow(
      /OIDC_ISSUER/,
    );
    expect(
      parseEnv({
        ...valid,
        OIDC_ISSUER: "http://localhost:9000",
        OIDC_CLIENT_ID: "a",
        OIDC_CLIENT_SECRET: "b",
      }).OIDC_CLIENT_ID,
    ).toBe("a");
  });

  it("keeps the demo conveniences to demo mode", () => {
    expect(demoMode(parseEnv({ ...valid, DEMO_MODE: "on" }))).toBe(true);
    expect(demoMode(parseEnv({ ...valid, DEMO_MODE: "on", NODE_ENV: "production" }))).toBe(true);
    expect(demoMode(parseEnv(valid))).toBe(false);
    expect(demoMode(parseEnv({ ...valid, ...production }))).toBe(false);
  });
});

const production = {
  NODE_ENV: "production",
  NEXTAUTH_URL: "https://access.example.com",
  SMTP_URL: "smtp://smtp.example.com:587",
};

function refusal(source: Record<string, string>): string {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as Error).message;
  }
  throw new Error("the environment was accepted");
}

describe("production environment", () => {
  it("starts with a secret, an https address and an SMTP server", () => {
    expect(parseEnv({ ...valid, ...production }).SMTP_URL).toBe(production.SMTP_URL);
  });

  it("refuses with one message naming every demo convenience left on", () => {
    const message = refusal({
      DATABASE_URL: valid.DATABASE_URL,
      NODE_ENV: "production",
      NEXTAUTH_SECRET: "short",
      DEV_MAILBOX: "on",
    });
    for (const name of ["NEXTAUTH_SECRET", "NEXTAUTH_URL", "SMTP_URL", "DEV_MAILBOX"])
      expect(message).toContain(name);
    expect(
      refusal({
        DATABASE_URL: valid.DATABASE_URL,
        NODE_ENV: "production",
        NEXTAUTH_URL: production.NEXTAUTH_URL,
        SMTP_URL: production.SMTP_URL,
      }),
    ).toContain("NEXTAUTH_SECRET");
  });

  it("wants an https:// address, except on this machine", () => {
    expect(refusal({ ...valid, ...production, NEXTAUTH_URL: "http://access.example.com" })).toMatch(
      /NEXTAUTH_URL: must be https/,
    );
    expect(
      refusal({ ...valid, ...production, NEXTAUTH_URL: "http://localhost.example.com" }),
    ).toMatch(/NEXTAUTH_URL/);
    for (const url of [
      "http://localhost:3000",
      "http://127.0.0.1:8080",
      "https://access.example.com/",
    ]) {
      expect(parseEnv({ ...valid, ...production, NEXTAUTH_URL: url }).NEXTAUTH_URL).toBe(url);
    }
  });

  it("serves the bench's routes only on this machine", () => {
    expect(refusal({ ...valid, ...production, BENCH_ROUTES: "on" })).toMatch(
      /BENCH_ROUTES: .*localhost only/,
    );
    expect(
      parseEnv({
        ...valid,
        ...production,
        NEXTAUTH_URL: "http://localhost:3400",
        BENCH_ROUTES: "on",
      }).BENCH_ROUTES,
    ).toBe("on");
    expect(parseEnv({ ...valid, ...production, BENCH_ROUTES: "off" }).BENCH_ROUTES).toBe("off");
  });

  it("asks nothing of the demo, even built for production", () => {
    expect(() => parseEnv({ ...valid, NODE_ENV: "production", DEMO_MODE: "on" })).not.toThrow();
    expect(refusal({ ...valid, NODE_ENV: "production", DEMO_MODE: "off" })).toContain("SMTP_URL");
  });
});
