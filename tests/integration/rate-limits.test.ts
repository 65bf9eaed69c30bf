import pg from "pg";
import { describe, expect, it } from "vitest";
import { closeDatabase, db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { consumeRateLimit } from "@/lib/rate-limit";
import { updateProfile } from "@/lib/profile/update-profile";
import { openSupportCase } from "@/lib/requests/open-support-case";
import { submitRequest } from "@/lib/requests/submit-request";
import { withdrawRequest } from "@/lib/requests/withdraw-request";
import { actorOf, createAccount, createUser, uniqueDomain } from "../factories";

const reason = "I manage our licences and need to see this account.";

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("what emails or costs the server is rate-limited per user", () => {
  it("a submit-and-withdraw loop stops after ten requests an hour, before emailing the administrators again", async () => {
    const domain = uniqueDomain();
    const admin = await createUser();
    const requester = actorOf(await createUser());
    const account = await createAccount({
      domains: [domain],
      members: [{ userId: admin.id, role: "ADMIN" }],
    });
    for (let i = 0; i < 10; i += 1) {
      const submitted = await submitRequest.execute(requester, {
        accountId: account.id,
        domain,
        reason,
      });
      if (submitted.outcome !== "created") throw new Error("each submit should create a request");
      await withdrawRequest.execute(requester, { requestId: submitted.requestId });
    }
    const error = await refusal(
      submitRequest.execute(requester, { accountId: account.id, domain, reason }),
    );
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.details.seconds).toBeGreaterThan(3500);
    expect(error.details.seconds).toBeLessThanOrEqual(3600);
    expect(await db.accessRequest.count({ where: { accountId: account.id } })).toBe(10);
    expect(await db.emailMessage.count({ where: { to: admin.email } })).toBe(10);
  });

  it("showing a pending request again does not count against the limit", async () => {
    const domain = uniqueDomain();
    const requester = actorOf(await createUser());
    const account = await createAccount({
      domains: [domain],
      members: [{ userId: (await createUser()).id, role: "ADMIN" }],
    });
    for (let i = 0; i < 15; i += 1)
      await submitRequest.execute(requester, { accountId: account.id, domain, reason });
    expect(await db.accessRequest.count({ where: { accountId: account.id } })).toBe(1);
  });

  it("refuses a sixth support case within the hour, and support staff get no email for it", async () => {
    const requester = await createUser();
    const account = await createAccount({ domains: [uniqueDomain()] });
    const request = await db.accessRequest.create({
      data: {
        requesterId: requester.id,
        accountId: account.id,
        domain: "x.example",
        reason,
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    });
    const open = () =>
      openSupportCase.execute(actorOf(requester), {
        requestId: request.id,
        message: "Still waiting for an answer, please help.",
      });
    for (let i = 0; i < 5; i += 1) await open();
    const emailsBefore = await db.emailMessage.count({ where: { requestId: request.id } });
    const error = await refusal(open());
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.details.seconds).toBeGreaterThan(3500);
    expect(await db.supportCase.count({ where: { requestId: request.id } })).toBe(5);
    expect(await db.emailMessage.count({ where: { requestId: request.id } })).toBe(emailsBefore);
  });

  it("refuses the thirty-first profile save within the hour", async () => {
    const user = actorOf(await createUser());
    const profile = {
      firstName: "Pat",
      lastName: "Doe",
      company: "Initech",
      jobTitle: "Buyer",
      country: "FR",
      phone: "+33 1 23 45 67 89",
    };
    for (let i = 0; i < 30; i += 1)
      await updateProfile.execute(user, { ...profile, jobTitle: `Buyer ${i}` });
    const error = await refusal(
      updateProfile.execute(user, { ...profile, jobTitle: "One too many" }),
    );
    expect(error.code).toBe("RATE_LIMITED");
    expect(error.details.seconds).toBeGreaterThan(3500);
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).jobTitle).toBe("Buyer 29");
  });
});

describe("limits keyed by long values", () => {
  it("count an address of the longest length SMTP allows, each address apart", async () => {
    const local = "a".repeat(64);
    const address = (suffix: string) => `${local}@${"b".repeat(180)}${suffix}.example`;
    const first = address("x");
    expect(first.length).toBeGreaterThan(240);
    for (let i = 0; i < 5; i += 1) await consumeRateLimit("signInLinkPerAddress", first);
    const refusal = await consumeRateLimit("signInLinkPerAddress", first).catch(
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(AppError);
    expect((refusal as AppError).code).toBe("RATE_LIMITED");
    // Another address of the same length and prefix has its own allowance.
    await expect(consumeRateLimit("signInLinkPerAddress", address("y"))).resolves.toBeUndefined();
  });
});

describe("the rate limiter's connections", () => {
  it("come from the process's one pool: once it is closed, nothing of this process stays connected", async () => {
    const user = await createUser();
    await consumeRateLimit("updateProfile", user.id);
    await closeDatabase();
    const observer = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await observer.connect();
    try {
      const others = async () =>
        (
          await observer.query<{ connected: number }>(
            `SELECT count(*)::int AS connected FROM pg_stat_activity
              WHERE datname = current_database() AND pid <> pg_backend_pid()`,
          )
        ).rows[0]!.connected;
      // A backend ends a moment after its client closed the connection.
      await expect.poll(others, { timeout: 5_000, interval: 100 }).toBe(0);
    } finally {
      await observer.end();
    }
  });
});
