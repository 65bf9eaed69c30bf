import { afterEach, describe, expect, it, vi } from "vitest";
import { parseEnv } from "@/lib/env";
import type { PrismaClient } from "@/lib/generated/prisma/client";
import { jobs, jobsToRun, outboundJobsNotice, type Job, type JobHost } from "@/lib/jobs/jobs";
import { JOB_NAMES, type JobName } from "@/lib/jobs/names";
import { startJobs } from "@/lib/jobs/runner";
import { logger } from "@/lib/log";

const valid = {
  DATABASE_URL: "postgres://u:p@localhost:5432/portal",
  NEXTAUTH_SECRET: "x".repeat(32),
};
const every = [...JOB_NAMES];
const production = {
  NODE_ENV: "production",
  NEXTAUTH_URL: "https://access.example.com",
  SMTP_URL: "smtp://relay.example.com:587",
};
// The runner starts no real job here: nothing reaches this database.
const db = {} as PrismaClient;

afterEach(() => {
  vi.restoreAllMocks();
});

describe("which background jobs a process runs", () => {
  const cases: [string, Record<string, string>, JobHost, JobName[]][] = [
    ["the web process, by default: every job, as before JOBS existed", {}, "web", every],
    ["the worker, by default: every job", {}, "worker", every],
    ["the web process with OUTBOX_WORKER=off: none", { OUTBOX_WORKER: "off" }, "web", []],
    ["the worker ignores OUTBOX_WORKER", { OUTBOX_WORKER: "off" }, "worker", every],
    [
      "JOBS names some, started in the list's order",
      { JOBS: "retention, outbox" },
      "worker",
      ["outbox", "retention"],
    ],
    [
      "OUTBOX_WORKER=off wins over JOBS in the web process",
      { JOBS: "webhooks", OUTBOX_WORKER: "off" },
      "web",
      [],
    ],
    ["an empty JOBS is unset", { JOBS: "" }, "web", every],
    [
      "a production web process, by default: all but the outbox and webhooks, left to the worker",
      production,
      "web",
      ["request-sweep", "membership-sweep", "retention", "insights-rollup"],
    ],
    ["a production worker, by default: every job", production, "worker", every],
    [
      "the demo's web process in production: every job",
      { ...production, DEMO_MODE: "on" },
      "web",
      every,
    ],
    [
      "a production web process runs what JOBS names, the outbox included",
      { ...production, JOBS: "outbox,webhooks,retention" },
      "web",
      ["outbox", "webhooks", "retention"],
    ],
  ];
  it.each(cases)("%s", (_, variables, host, expected) => {
    expect(jobsToRun(parseEnv({ ...valid, ...variables }), host)).toEqual(expected);
  });

  it("a production web process that leaves the emails and webhooks to a worker says so at start, and only then", () => {
    const notice = (variables: Record<string, string>, host: JobHost) =>
      outboundJobsNotice(parseEnv({ ...valid, ...variables }), host);
    expect(notice(production, "web")).toMatch(/npm run worker/);
    expect([
      notice(production, "worker"),
      notice({ ...production, DEMO_MODE: "on" }, "web"),
      notice({ ...production, JOBS: "outbox,webhooks" }, "web"),
      notice({ ...production, OUTBOX_WORKER: "off" }, "web"),
      notice({}, "web"),
    ]).toEqual([null, null, null, null, null]);
  });

  it("refuses a job name it does not know, naming JOBS", () => {
    expect(() => parseEnv({ ...valid, JOBS: "outbox,mail" })).toThrow(/JOBS/);
  });
});

describe("each job's interval", () => {
  const intervals = (variables: Record<string, string>) => {
    const e = parseEnv({ ...valid, ...variables });
    return Object.fromEntries(JOB_NAMES.map((name) => [name, jobs[name].intervalMs(e)]));
  };

  it("defaults to today's: a second for the queues, a minute for the sweeps, an hour for retention and the insights rollup", () => {
    expect(intervals({})).toEqual({
      outbox: 1000,
      webhooks: 1000,
      "request-sweep": 60_000,
      "membership-sweep": 60_000,
      retention: 3_600_000,
      "insights-rollup": 3_600_000,
    });
  });

  it("webhooks follow OUTBOX_POLL_MS unless WEBHOOK_POLL_MS is set", () => {
    expect(intervals({ OUTBOX_POLL_MS: "200" }).webhooks).toBe(200);
    expect(intervals({ OUTBOX_POLL_MS: "200", WEBHOOK_POLL_MS: "5000" })).toMatchObject({
      outbox: 200,
      webhooks: 5000,
    });
  });
});

describe("the job runner", () => {
  /** A list whose jobs record their start and stop instead of touching a database. */
  function recordingJobs() {
    const started: [JobName, number][] = [];
    const stopped: JobName[] = [];
    const list = Object.fromEntries(
      JOB_NAMES.map((name, i): [JobName, Job] => [
        name,
        {
          does: name,
          intervalMs: () => (i + 1) * 100,
          start: (_db, _e, intervalMs) => {
            started.push([name, intervalMs]);
            return {
              async stop() {
                await new Promise((resolve) => setTimeout(resolve, 5));
                stopped.push(name);
              },
            };
          },
        },
      ]),
    ) as Record<JobName, Job>;
    return { list, started, stopped };
  }

  it("starts only the jobs it is given, each at its interval, and stops them all", async () => {
    const { list, started, stopped } = recordingJobs();
    const runner = startJobs(db, parseEnv(valid), ["webhooks", "retention"], list);
    expect(started).toEqual([
      ["webhooks", 200],
      ["retention", 500],
    ]);
    expect(runner.names).toEqual(["webhooks", "retention"]);
    await runner.stop();
    expect(stopped.sort()).toEqual(["retention", "webhooks"]);
  });

  it("logs which jobs it runs, in one line", () => {
    const info = vi.spyOn(logger, "info").mockImplementation(() => undefined);
    const { list } = recordingJobs();
    startJobs(db, parseEnv(valid), every, list);
    expect(info).toHaveBeenCalledWith(
      expect.anything(),
      "jobs: running outbox, webhooks, request-sweep, membership-sweep, retention, insights-rollup",
    );
  });

  it("says so when the process runs none (the web process with OUTBOX_WORKER=off)", async () => {
    const info = vi.spyOn(logger, "info").mockImplementation(() => undefined);
    const e = parseEnv({ ...valid, OUTBOX_WORKER: "off" });
    const runner = startJobs(db, e, jobsToRun(e, "web"));
    expect(info).toHaveBeenCalledWith("jobs: none in this process");
    await runner.stop();
  });
});
