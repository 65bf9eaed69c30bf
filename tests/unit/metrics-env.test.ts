import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";

const valid = {
  DATABASE_URL: "postgres://u:p@localhost:5432/portal",
  NEXTAUTH_SECRET: "x".repeat(32),
};
const production = {
  NODE_ENV: "production",
  NEXTAUTH_URL: "https://access.example.com",
  SMTP_URL: "smtp://smtp.example.com:587",
};

describe("the metrics' variables", () => {
  it("leaves /api/metrics off unless METRICS_TOKEN is set, in production too", () => {
    expect(parseEnv(valid).METRICS_TOKEN).toBeUndefined();
    expect(parseEnv({ ...valid, ...production }).METRICS_TOKEN).toBeUndefined();
  });

  it("wants a METRICS_TOKEN of at least 32 characters", () => {
    expect(() => parseEnv({ ...valid, METRICS_TOKEN: "short" })).toThrow(/METRICS_TOKEN/);
    expect(parseEnv({ ...valid, METRICS_TOKEN: "m".repeat(32) }).METRICS_TOKEN).toBe(
      "m".repeat(32),
    );
  });

  it("serves the worker's metrics on METRICS_PORT only with a token", () => {
    expect(() => parseEnv({ ...valid, METRICS_PORT: "9464" })).toThrow(/METRICS_PORT/);
    expect(() => parseEnv({ ...valid, METRICS_PORT: "70000" })).toThrow(/METRICS_PORT/);
    expect(
      parseEnv({ ...valid, METRICS_PORT: "9464", METRICS_TOKEN: "m".repeat(32) }).METRICS_PORT,
    ).toBe(9464);
  });
});
