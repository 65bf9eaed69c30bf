import { existsSync } from "node:fs";
import nodemailer from "nodemailer";
import pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveRequest, denyRequest } from "@/lib/admin/approve-or-deny";
import { closeDatabase, db } from "@/lib/db/client";
import { migrateDeploy } from "@/lib/db/migrate";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { enqueueEmail } from "@/lib/mail/outbox";
import { deliverDueEmails, type OutboxOptions } from "@/lib/mail/worker";
import { consumeRateLimit } from "@/lib/rate-limit";
import { expireOverdueRequests } from "@/lib/requests/sweep";
import { submitRequest } from "@/lib/requests/submit-request";
import { startMailCatcher, type MailCatcher } from "../support/mail-catcher";
import { pgBouncerPath, startPgBouncer, type PgBouncer } from "../support/pgbouncer";
import { createAccount, createAdmin, createRequest, createUser } from "../factories";

/**
 * The app through Debian's PgBouncer in transaction mode, as many PostgreSQL services are deployed:
 * DATABASE_URL points at the pooler, so the app's one pool (Prisma's adapter, hotQuery, the rate limiter)
 * connects through it, and two server connections are shared by all of its client connections.
 * Prisma's statements are unnamed and its interactive transactions stay on one server connection:
 * those flows work. What needs more than transaction mode is shown failing, beside the setting
 * that makes it work (docs/deploy.md, "Connection pooler").
 */

const SERVER_CONNECTIONS = 2;
// This worker's own database (vitest-integration-setup.ts), before the test points the app at the pooler.
const directUrl = process.env.DATABASE_URL!;
// Developers without the package skip this file; CI installs it and must run it.
const installed = existsSync(pgBouncerPath) || Boolean(process.env.CI);

let bouncer: PgBouncer;
let catcher: MailCatcher;
const outcomes: string[] = [];

async function throughBouncer<T>(flow: string, run: () => Promise<T>): Promise<T> {
  const before = await bouncer.stats();
  const result = await run();
  const after = await bouncer.stats();
  expect(after.transactions).toBeGreaterThan(before.transactions);
  const transactions = after.transactions - before.transactions;
  outcomes.push(
    `${flow}: ok (${transactions} transaction${transactions === 1 ? "" : "s"} through PgBouncer)`,
  );
  return result;
}

const reason = "I manage our licences and need this account.";

describe.skipIf(!installed)("the app through PgBouncer in transaction mode", () => {
  beforeAll(async () => {
    if (!existsSync(pgBouncerPath))
      throw new Error(
        `PgBouncer is not at ${pgBouncerPath}: apt-get install pgbouncer, or set PGBOUNCER_PATH`,
      );
    bouncer = await startPgBouncer(directUrl, SERVER_CONNECTIONS);
    // The app reads DATABASE_URL once, on first use: from here on every query of it goes through the pooler.
    process.env.DATABASE_URL = bouncer.transactionUrl;
    expect(env().DATABASE_URL).toBe(bouncer.transactionUrl);
    catcher = await startMailCatcher();
  });

  afterAll(async () => {
    console.info(
      `${bouncer?.version ?? "PgBouncer"}, pool_mode=transaction, ${SERVER_CONNECTIONS} server connections:\n  ${outcomes.join("\n  ")}`,
    );
    // The app's one pool: Prisma's, hotQuery's and the rate limiter's connections.
    await closeDatabase();
    await catcher?.stop();
    await bouncer?.stop();
  });

  it("a requester submits a request: the request, its audit event and the administrators' emails", async () => {
    const account = await createAccount({ name: "Pooled Corp", domains: ["pooled.example"] });
    const admins = await Promise.all([1, 2].map(() => createAdmin([account.id])));
    const requester = await createUser();
    const submitted = await throughBouncer("submit a request", () =>
      submitRequest.execute(requester, { accountId: account.id, domain: "pooled.example", reason }),
    );
    expect(submitted).toMatchObject({ outcome: "created" });
    if (submitted.outcome !== "created") return;
    expect(
      await db.auditEvent.count({
        where: { subjectId: submitted.requestId, action: "request.submitted" },
      }),
    ).toBe(1);
    const notified = await db.emailMessage.findMany({
      where: { requestId: submitted.requestId },
      select: { to: true },
    });
    expect(notified.map((email) => email.to).sort()).toEqual(
      admins.map((admin) => admin.email).sort(),
    );
  });

  it("ten administrators decide one request at once: the first decision wins, the others are told who decided", async () => {
    const account = await createAccount();
    const admins = await Promise.all(
      [1, 2].map((i) => createAdmin([account.id], { firstName: `Pooled${i}` })),
    );
    const request = await createRequest({ accountId: account.id });
    const settled = await throughBouncer("10 concurrent decisions on one request", () =>
      Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          i % 2 === 0
            ? approveRequest.execute(admins[i % 2]!, { requestId: request.id, role: "VIEWER" })
            : denyRequest.execute(admins[i % 2]!, { requestId: request.id, reason: "No." }),
        ),
      ),
    );
    expect(settled.filter((outcome) => outcome.status === "fulfilled")).toHaveLength(1);
    const final = await db.accessRequest.findUniqueOrThrow({
      where: { id: request.id },
      select: { status: true },
    });
    for (const outcome of settled) {
      if (outcome.status === "rejected")
        expect(outcome.reason).toMatchObject({
          code: "CONFLICT",
          details: { status: final.status },
        });
    }
    expect(
      await db.membership.count({ where: { userId: request.requesterId, accountId: account.id } }),
    ).toBe(final.status === "APPROVED" ? 1 : 0);
    expect(await db.emailMessage.count({ where: { requestId: request.id } })).toBe(1);
  });

  it("three sweepers at once expire each overdue request once (FOR UPDATE SKIP LOCKED in a transaction)", async () => {
    const account = await createAccount();
    await createAdmin([account.id]);
    const overdue = await Promise.all(
      Array.from({ length: 6 }, () =>
        createRequest({ accountId: account.id, expiresAt: new Date(Date.now() - 60_000) }),
      ),
    );
    const counts = await throughBouncer("3 concurrent expiry sweeps", () =>
      Promise.all([1, 2, 3].map(() => expireOverdueRequests(db, { batchSize: 2 }))),
    );
    expect(counts.reduce((sum, count) => sum + count, 0)).toBe(6);
    for (const request of overdue)
      expect(
        await db.auditEvent.count({ where: { subjectId: request.id, action: "request.expired" } }),
      ).toBe(1);
  });

  it("two outbox workers claim and mark sent batches of the queue: every email sent once", async () => {
    for (let i = 0; i < 12; i += 1) {
      await enqueueEmail(db, {
        to: `pooled-${i}@example.com`,
        template: "sign-in",
        locale: "en",
        payload: { url: `http://localhost:3000/x?${i}`, minutes: 15 },
      });
    }
    const queued = await db.emailMessage.findMany({
      where: { status: "QUEUED" },
      select: { to: true },
    });
    const options: OutboxOptions = {
      db,
      transport: nodemailer.createTransport(catcher.url),
      from: "portal@example.com",
      maxAttempts: 3,
      batchSize: 3,
    };
    const drain = async () => {
      let sent = 0;
      for (
        let report = await deliverDueEmails(options);
        report.sent > 0;
        report = await deliverDueEmails(options)
      )
        sent += report.sent;
      return sent;
    };
    const sent = await throughBouncer(
      `2 outbox workers draining ${queued.length} emails in batches of 3`,
      () => Promise.all([drain(), drain()]),
    );
    expect(sent[0]! + sent[1]!).toBe(queued.length);
    expect(await db.emailMessage.count({ where: { status: { not: "SENT" } } })).toBe(0);
    expect(catcher.messages.map((mail) => mail.to[0]).sort()).toEqual(
      queued.map((email) => email.to.toLowerCase()).sort(),
    );
  });

  it("the portal's rate limiter works in transaction mode and counts once across connections", async () => {
    const user = await createUser();
    // The limit allows 5 support cases an hour: five at once through the pooler pass, the sixth is refused.
    const settled = await Promise.allSettled(
      [1, 2, 3, 4, 5].map(() => consumeRateLimit("openSupportCase", user.id)),
    );
    expect(settled.map((outcome) => outcome.status)).toEqual([
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "fulfilled",
    ]);
    const refusal = await consumeRateLimit("openSupportCase", user.id).catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).code).toBe("RATE_LIMITED");
    outcomes.push(
      "rate-limit consume through transaction mode: ok (5 allowed at once, the 6th refused)",
    );
  });

  it("why the limiter sends its statements unnamed: rate-limiter-flexible's own named statements fail in transaction mode", async () => {
    const pool = new pg.Pool({ connectionString: bouncer.transactionUrl, max: 3 });
    const limiter = new RateLimiterPostgres({
      storeClient: pool,
      storeType: "pool",
      tableName: "RateLimit",
      tableCreated: true,
      keyPrefix: "pooled-named",
      points: 100,
      duration: 60,
    });
    try {
      // Three connections prepare "rlflx-upsert" on two server connections: two of them meet.
      const settled = await Promise.allSettled([1, 2, 3].map(() => limiter.consume("someone")));
      const failures = settled
        .filter((outcome): outcome is PromiseRejectedResult => outcome.status === "rejected")
        .map((outcome) => String(outcome.reason));
      expect(failures.length).toBeGreaterThan(0);
      for (const failure of failures)
        expect(failure).toMatch(
          /prepared statement "[^"]*rlflx-upsert" (already exists|does not exist)/,
        );
    } finally {
      await pool.end();
    }
  });

  it("in session mode the same rate limiter works, and counts", async () => {
    const pool = new pg.Pool({ connectionString: bouncer.sessionUrl, max: 3 });
    const limiter = new RateLimiterPostgres({
      storeClient: pool,
      storeType: "pool",
      tableName: "RateLimit",
      tableCreated: true,
      keyPrefix: "pooled-session",
      points: 5,
      duration: 60,
    });
    try {
      const first = await Promise.all([1, 2, 3].map(() => limiter.consume("someone")));
      expect(first.map((res) => res.consumedPoints).sort()).toEqual([1, 2, 3]);
      await limiter.consume("someone");
      await limiter.consume("someone");
      await expect(limiter.consume("someone")).rejects.toBeInstanceOf(RateLimiterRes);
      outcomes.push("rate-limit consume through session mode: ok (5 allowed, the 6th refused)");
    } finally {
      await pool.end();
    }
  });

  it("migrations need session mode (or PostgreSQL directly): in transaction mode their advisory lock stays held", async () => {
    const direct = new pg.Client({ connectionString: directUrl });
    await direct.connect();
    const advisoryLocks = async () =>
      (
        await direct.query<{ pid: number }>(
          "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        )
      ).rows;
    try {
      await migrateDeploy(bouncer.sessionUrl, () => undefined);
      // PgBouncer resets the server connection (DISCARD ALL, which releases the lock) once the
      // client has gone, a moment after the engine's disconnect returns.
      await expect.poll(advisoryLocks, { timeout: 5_000, interval: 100 }).toEqual([]);
      outcomes.push("migrate deploy through session mode: ok, no lock left");

      // The migration engine locks with pg_advisory_lock and lets the end of its session release it;
      // in transaction mode the session never ends, and the next migration would wait for the lock.
      await migrateDeploy(bouncer.transactionUrl, () => undefined);
      const left = await advisoryLocks();
      expect(left).toHaveLength(1);
      outcomes.push(
        "migrate deploy through transaction mode: its advisory lock is left held on a pooled server connection",
      );
      await direct.query("SELECT pg_terminate_backend($1)", [left[0]!.pid]);
    } finally {
      await direct.end();
    }
  });
});
