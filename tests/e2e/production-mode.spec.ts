import { randomBytes } from "node:crypto";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { demoUsers } from "@/lib/demo/demo-data";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { freePort, startTestDatabase } from "../support/test-database";
import { expect, test } from "./support/fixtures";
import {
  serverEnv,
  startPortalProcess,
  waitForHealth,
  type PortalProcess,
} from "./support/servers";

const SECRET = "production-secret-production-secret-42";
/** Nothing listens there: these servers must not reach the tests' SMTP server. */
const NOWHERE_SMTP = "smtp://127.0.0.1:9";
const NEEDED = ["NEXTAUTH_SECRET", "NEXTAUTH_URL", "SMTP_URL", "DEV_MAILBOX"];

function productionEnv(variables: Record<string, string | undefined> = {}) {
  return serverEnv({
    DATABASE_URL: process.env.E2E_DATABASE_URL,
    NEXTAUTH_URL: "https://access.example.com",
    NEXTAUTH_SECRET: SECRET,
    SMTP_URL: NOWHERE_SMTP,
    OUTBOX_WORKER: "off",
    ...variables,
  });
}

/** The exit code, or "running" if the server is still up after `ms`. */
async function exitWithin(server: PortalProcess, ms: number): Promise<number | null | "running"> {
  let timer: NodeJS.Timeout | undefined;
  const running = new Promise<"running">(
    (resolve) => (timer = setTimeout(() => resolve("running"), ms)),
  );
  const outcome = await Promise.race([server.exited, running]);
  clearTimeout(timer);
  return outcome;
}

test.describe.configure({ timeout: 120_000 });

test("production refuses to start with a demo convenience left on, in one message naming each variable", async () => {
  const wrong: [string, Record<string, string | undefined>, string[]][] = [
    ["no secret", { NEXTAUTH_SECRET: undefined }, ["NEXTAUTH_SECRET"]],
    ["a short secret", { NEXTAUTH_SECRET: "short-secret" }, ["NEXTAUTH_SECRET"]],
    ["no public address", { NEXTAUTH_URL: undefined }, ["NEXTAUTH_URL"]],
    ["an http:// public address", { NEXTAUTH_URL: "http://access.example.com" }, ["NEXTAUTH_URL"]],
    ["no SMTP server", { SMTP_URL: undefined }, ["SMTP_URL"]],
    ["the dev mailbox", { DEV_MAILBOX: "on" }, ["DEV_MAILBOX"]],
    [
      "all of them",
      {
        NEXTAUTH_SECRET: undefined,
        NEXTAUTH_URL: "http://access.example.com",
        SMTP_URL: undefined,
        DEV_MAILBOX: "on",
      },
      NEEDED,
    ],
  ];
  // The real `next start` of the build: the check must stop the server itself, not only npm start.
  const outcomes = await Promise.all(
    wrong.map(async ([what, variables, named]) => {
      const server = startPortalProcess(
        ["start", "--port", String(await freePort())],
        productionEnv(variables),
      );
      const code = await exitWithin(server, 45_000);
      await server.stop();
      return { what, code, named, output: server.output() };
    }),
  );
  for (const { what, code, named, output } of outcomes) {
    expect(code, `${what}: the server must exit with an error\n${output}`).not.toBe("running");
    expect(code, `${what}\n${output}`).not.toBe(0);
    for (const name of NEEDED) {
      if (named.includes(name)) expect(output, what).toContain(name);
      else expect(output, `${what} must not blame ${name}`).not.toContain(name);
    }
  }
});

test("in production the dev mailbox does not exist and the sign-in page names no demo user", async ({
  page,
  request,
  db,
}) => {
  // The database holds the demo data (the tests' global setup), and still nobody is listed.
  expect(
    await db.user.count({ where: { email: { in: demoUsers.map((user) => user.email) } } }),
  ).toBe(demoUsers.length);
  expect((await request.get("/dev/mailbox")).status()).toBe(404);
  const email = await db.emailMessage.create({
    data: {
      to: "someone@example.com",
      template: "sign-in",
      locale: "en",
      payload: { url: "http://localhost/x", minutes: 15 },
    },
  });
  expect((await request.get(`/dev/mailbox/${email.id}`)).status()).toBe(404);

  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Demo users" })).toHaveCount(0);
  const text = await page.locator("body").innerText();
  for (const user of demoUsers) expect(text).not.toContain(user.email);
  await page
    .getByLabel("Work email address")
    .fill(`nobody-${randomBytes(4).toString("hex")}@example.com`);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  await expect(page.getByRole("link", { name: /development mailbox/ })).toHaveCount(0);
});

test("npm start on a DATABASE_URL serves it in production and adds no demo data", async () => {
  const database = await startTestDatabase();
  const port = await freePort();
  const start = startPortalProcess(
    ["scripts/start.ts"],
    productionEnv({
      DATABASE_URL: database.url,
      NEXTAUTH_URL: `http://localhost:${port}`,
      PORT: String(port),
    }),
    path.resolve("node_modules", ".bin", "tsx"),
  );
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
  try {
    await waitForHealth(`http://localhost:${port}/api/health`, 90_000, start.exited).catch(
      (error: Error) => {
        throw new Error(`${error.message}\n${start.output()}`);
      },
    );
    expect(await db.user.count()).toBe(0);
    expect((await fetch(`http://localhost:${port}/dev/mailbox`)).status).toBe(404);
  } finally {
    await start.stop();
    await db.$disconnect();
    await database.stop();
  }
});

test("demo mode lists the demo users, and the development mailbox shows the sign-in email, held, with a link that signs in", async ({
  page,
  request,
  expectAccessible,
}) => {
  const database = await startTestDatabase();
  const port = await freePort();
  const demo = `http://localhost:${port}`;
  const server = startPortalProcess(
    ["start", "--port", String(port)],
    serverEnv({
      DEMO_MODE: "on",
      DATABASE_URL: database.url,
      NEXTAUTH_URL: demo,
      NEXTAUTH_SECRET: SECRET,
      OUTBOX_POLL_MS: "200",
    }),
  );
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url }) });
  try {
    await waitForHealth(`${demo}/api/health`, 60_000, server.exited).catch((error: Error) => {
      throw new Error(`${error.message}\n${server.output()}`);
    });
    const email = `new-${randomBytes(4).toString("hex")}@example.com`;
    await page.goto(`${demo}/sign-in`);
    await expect(page.getByRole("heading", { name: "Demo users" })).toBeVisible();
    for (const user of demoUsers)
      await expect(page.getByRole("button", { name: user.email })).toBeVisible();
    await page.getByLabel("Work email address").fill(email);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    // No SMTP server: the email is held, never marked sent.
    await expect
      .poll(async () => (await db.emailMessage.findFirst({ where: { to: email } }))?.status)
      .toBe("HELD");
    // The email's frame is the one page the portal itself may frame, and it runs nothing.
    const held = await db.emailMessage.findFirstOrThrow({
      where: { to: email },
      select: { id: true },
    });
    const frame = await request.get(`${demo}/dev/mailbox/${held.id}`);
    expect(frame.status()).toBe(200);
    expect(frame.headers()["content-security-policy"]).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'",
    );
    expect(frame.headers()["x-frame-options"]).toBe("SAMEORIGIN");
    await page.getByRole("link", { name: /development mailbox/ }).click();
    await expect(page.getByRole("heading", { name: "Development mailbox" })).toBeVisible();
    await expect(page.getByText(`To: ${email}`).first()).toBeVisible();
    await expect(page.getByText(/Held here, not sent/).first()).toBeVisible();
    await expectAccessible(page);
    await page.frameLocator("iframe").getByRole("link", { name: "Sign in", exact: true }).click();
    await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  } finally {
    await server.stop();
    await db.$disconnect();
    await database.stop();
  }
});
