import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openApiDocument } from "@/lib/api/openapi";

/*
 * The OpenAPI document of /api/v1 judged by the linters API teams use, with the repository's own
 * rulesets (.spectral.mjs: spectral:oas and the OWASP API Security Top 10; redocly.yaml:
 * `recommended`), the CLIs a developer runs, on the document as the portal generates it. The one
 * unit test that starts a child process: both linters ship as CLIs, and they read files only
 * (offline). Warnings are allowed (free-text fields carry no pattern); errors are not.
 */

const root = path.resolve(import.meta.dirname, "../..");
const bin = (name: string) => path.join(root, "node_modules/.bin", name);
const run = promisify(execFile);

interface Finding {
  linter: string;
  rule: string;
  severity: "error" | "warning";
  where: string;
  message: string;
}

let dir: string;
let file: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "openapi-lint-"));
  file = path.join(dir, "openapi.json");
  writeFileSync(file, JSON.stringify(openApiDocument(), null, 2));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs a linter that exits non-zero when it finds errors: its JSON report either way. */
async function report(command: string, args: string[]): Promise<string> {
  const env = {
    ...process.env,
    // Redocly: no usage data sent, no check for a newer version (both would reach the network).
    REDOCLY_TELEMETRY: "off",
    REDOCLY_SUPPRESS_UPDATE_NOTICE: "true",
  };
  try {
    return (await run(command, args, { cwd: root, env, maxBuffer: 32 * 1024 * 1024 })).stdout;
  } catch (failure) {
    const { stdout, stderr } = failure as { stdout?: string; stderr?: string };
    if (stdout?.trim()) return stdout;
    throw new Error(`${path.basename(command)} did not run: ${stderr ?? String(failure)}`);
  }
}

async function spectral(): Promise<Finding[]> {
  const out = await report(bin("spectral"), [
    "lint",
    file,
    "--ruleset",
    path.join(root, ".spectral.mjs"),
    "--format",
    "json",
    "--fail-severity",
    "error",
    "--quiet",
  ]);
  const results = JSON.parse(out) as {
    code: string;
    severity: number;
    path: (string | number)[];
    message: string;
  }[];
  return results
    .filter((result) => result.severity <= 1)
    .map((result) => ({
      linter: "spectral",
      rule: result.code,
      severity: result.severity === 0 ? "error" : "warning",
      where: result.path.join("."),
      message: result.message,
    }));
}

async function redocly(): Promise<Finding[]> {
  const out = await report(bin("redocly"), [
    "lint",
    file,
    "--config",
    path.join(root, "redocly.yaml"),
    "--format",
    "json",
  ]);
  const { problems } = JSON.parse(out) as {
    problems: {
      ruleId: string;
      severity: string;
      message: string;
      location: { pointer?: string }[];
    }[];
  };
  return problems.map((problem) => ({
    linter: "redocly",
    rule: problem.ruleId,
    severity: problem.severity === "error" ? "error" : "warning",
    where: problem.location.map((location) => location.pointer).join(" "),
    message: problem.message,
  }));
}

const errorsOf = (findings: Finding[]) =>
  findings
    .filter((finding) => finding.severity === "error")
    .map((finding) => `${finding.rule} at ${finding.where}: ${finding.message}`);

describe("the OpenAPI document judged by API linters", () => {
  it("has no error under Spectral (spectral:oas and the OWASP API Security ruleset)", async () => {
    const findings = await spectral();
    expect(errorsOf(findings)).toEqual([]);
  }, 60_000);

  it("has no error under Redocly CLI's recommended ruleset", async () => {
    const findings = await redocly();
    expect(errorsOf(findings)).toEqual([]);
  }, 60_000);
});
