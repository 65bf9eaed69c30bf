import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { AccessRequestStatus, EmailStatus } from "@/lib/generated/prisma/enums";
import { insightsAccountOptions, insightsFor } from "@/lib/insights/read";
import { rollUpSettledWeeks } from "@/lib/insights/rollup";
import type { Insights } from "@/lib/insights/types";
import {
  createAccount,
  createGrant,
  createMembership,
  createRequest,
  createUser,
  createWebhookEndpoint,
  defaultVirtualAccountOf,
  unique,
} from "../factories";

/*
 * Insights (issue 29) on a small world whose every number is worked out by hand below. `now` is
 * Wednesday 2026-06-17 12:00 UTC, so the 30-day period starts on Monday 2026-05-18 at 12:00: its
 * weeks are 05-18 (from 12:00 on), 05-25, 06-01, 06-08 and 06-15 (until now).
 */
const now = new Date("2026-06-17T12:00:00.000Z");
const at = (iso: string) => new Date(`${iso}:00.000Z`);

let alice: { id: string }; // Smart Account Administrator of Acme
let vera: { id: string }; // Virtual Account Administrator in Acme
let requester: { id: string };
let support: { id: string };
let acme: { id: string; name: string };
let globex: { id: string; name: string };
const requestIds: Record<string, string> = {};

async function request(
  name: string,
  accountId: string,
  status: AccessRequestStatus,
  createdAt: string,
  extra: { decidedAt?: string; reminderCount?: number; escalatedAt?: string } = {},
) {
  const row = await createRequest({
    accountId,
    requesterId: requester.id,
    status,
    createdAt: at(createdAt),
    decidedAt: extra.decidedAt ? at(extra.decidedAt) : undefined,
    decidedById: status === "APPROVED" || status === "DENIED" ? alice.id : undefined,
    reminderCount: extra.reminderCount,
    escalatedAt: extra.escalatedAt ? at(extra.escalatedAt) : null,
  });
  requestIds[name] = row.id;
}

async function email(requestName: string | null, status: EmailStatus, createdAt: string) {
  await db.emailMessage.create({
    data: {
      to: "someone@example.com",
      template: "request-submitted",
      locale: "en",
      status,
      createdAt: at(createdAt),
      requestId: requestName ? requestIds[requestName]! : null,
    },
  });
}

beforeAll(async () => {
  const tag = unique();
  alice = await createUser({ email: `alice.${tag}@example.com` });
  vera = await createUser({ email: `vera.${tag}@example.com` });
  support = await createUser({ platformRole: "SUPPORT" });
  // A requester of their own: one pending request per account and requester at a time is the
  // rule, so each pending request below has a requester of its own.
  requester = await createUser({ email: `rachel.${tag}@example.com` });
  acme = await createAccount({ name: `Acme ${tag}`, admins: [{ userId: alice.id }] });
  globex = await createAccount({ name: `Globex ${tag}` });
  const veraMembership = await createMembership(vera.id, acme.id, "VIEWER", {
    scope: "VIRTUAL_ACCOUNTS",
  });
  await createGrant(veraMembership.id, (await defaultVirtualAccountOf(acme.id)).id, "ADMIN");

  // Acme. Decided the week of 05-18: 24 h (sent before the period), 12 h, 72 h.
  await request("beforePeriod", acme.id, "APPROVED", "2026-05-18T10:00", {
    decidedAt: "2026-05-19T10:00",
  });
  await request("approved0518", acme.id, "APPROVED", "2026-05-20T12:00", {
    decidedAt: "2026-05-21T00:00",
  });
  await request("denied0518", acme.id, "DENIED", "2026-05-20T12:00", {
    decidedAt: "2026-05-23T12:00",
  });
  await request("expired0518", acme.id, "EXPIRED", "2026-05-19T13:00", {
    decidedAt: "2026-06-17T11:00",
  });
  await request("withdrawn0525", acme.id, "WITHDRAWN", "2026-05-26T09:00", {
    decidedAt: "2026-05-27T09:00",
    reminderCount: 2,
  });
  // Decided the week of 06-08: 30 h, 10 h, 24 h.
  await request("approved0608a", acme.id, "APPROVED", "2026-06-08T00:00", {
    decidedAt: "2026-06-09T06:00",
  });
  await request("approved0608b", acme.id, "APPROVED", "2026-06-08T00:00", {
    decidedAt: "2026-06-08T10:00",
  });
  await request("denied0608", acme.id, "DENIED", "2026-06-09T00:00", {
    decidedAt: "2026-06-10T00:00",
  });
  // Pending now, one per age bucket.
  const pending = async (name: string, createdAt: string, extra = {}, accountId = acme.id) => {
    requester = await createUser();
    await request(name, accountId, "PENDING", createdAt, extra);
  };
  await pending("pending16h", "2026-06-16T20:00", { reminderCount: 1 });
  await pending("pending60h", "2026-06-15T00:00");
  await pending("pending5d", "2026-06-12T12:00", { escalatedAt: "2026-06-16T12:00" });
  await pending("pending12d", "2026-06-05T12:00", {
    reminderCount: 3,
    escalatedAt: "2026-06-12T12:00",
  });
  // Globex: decided in 5 h the week of 05-25, and one pending for 6 h.
  await request("globexApproved", globex.id, "APPROVED", "2026-05-26T10:00", {
    decidedAt: "2026-05-26T15:00",
  });
  await pending("globexPending", "2026-06-17T06:00", {}, globex.id);
  // Outside every period: sent a year and a half ago.
  await request("longAgo", acme.id, "APPROVED", "2024-12-02T10:00", {
    decidedAt: "2024-12-02T11:00",
  });

  // Emails about requests: one of each status in the period; one before it; a sign-in link
  // (no request) is not counted.
  await email("approved0518", "SENT", "2026-05-20T12:00");
  await email("denied0518", "FAILED", "2026-05-20T12:00");
  await email("approved0608a", "HELD", "2026-06-08T00:00");
  await email("denied0608", "QUEUED", "2026-06-17T11:59");
  await email("beforePeriod", "SENT", "2026-05-18T10:00");
  await email(null, "SENT", "2026-06-01T00:00");

  // Webhook deliveries of Acme's endpoint: 3 delivered, 1 failed, 1 cancelled, 1 queued.
  const endpoint = await createWebhookEndpoint({ accountId: acme.id, createdById: alice.id });
  const statuses = [
    "DELIVERED",
    "DELIVERED",
    "DELIVERED",
    "FAILED",
    "CANCELLED",
    "QUEUED",
  ] as const;
  await db.webhookDelivery.createMany({
    data: statuses.map((status, i) => ({
      endpointId: endpoint.id,
      eventType: "request.created",
      payload: {},
      status,
      createdAt: at(`2026-06-0${i + 1}T08:00`),
    })),
  });
});

const query = (period: 30 | 90 | 365 = 30, accountId: string | null = null) => ({
  period,
  accountId,
});

/** A series as week → the picked numbers, weeks in order. */
function series<Row extends { week: string }>(rows: Row[], pick: (row: Row) => unknown) {
  return Object.fromEntries(rows.map((row) => [row.week, pick(row)]));
}

const acmeOutcomes = {
  "2026-05-18": [1, 1, 0, 1, 0],
  "2026-05-25": [0, 0, 1, 0, 0],
  "2026-06-01": [0, 0, 0, 0, 1],
  "2026-06-08": [2, 1, 0, 0, 1],
  "2026-06-15": [0, 0, 0, 0, 2],
};
const outcomesOf = (insights: Insights) =>
  series(insights.outcomes, (row) => [
    row.approved,
    row.denied,
    row.withdrawn,
    row.expired,
    row.pending,
  ]);

describe("an administrator's insights", () => {
  it("counts the requests of their accounts sent each week, by what became of them", async () => {
    const insights = await insightsFor(alice, query(), now);
    expect(insights?.reach).toBe("administered");
    expect(insights?.weeks).toEqual([
      "2026-05-18",
      "2026-05-25",
      "2026-06-01",
      "2026-06-08",
      "2026-06-15",
    ]);
    expect(outcomesOf(insights!)).toEqual(acmeOutcomes);
    expect(insights?.from).toEqual(new Date("2026-05-18T12:00:00.000Z"));
    expect(insights?.to).toEqual(now);
  });

  it("gives the median and 90th percentile of the hours to decision, by week decided", async () => {
    const insights = await insightsFor(alice, query(), now);
    expect(
      series(insights!.decisionTime, (row) => [row.decisions, row.medianHours, row.p90Hours]),
    ).toEqual({
      "2026-05-18": [3, 24, expect.closeTo(62.4, 9)],
      "2026-05-25": [0, null, null],
      "2026-06-01": [0, null, null],
      "2026-06-08": [3, 24, expect.closeTo(28.8, 9)],
      "2026-06-15": [0, null, null],
    });
  });

  it("counts reminders and escalations of the requests sent each week", async () => {
    const insights = await insightsFor(alice, query(), now);
    expect(series(insights!.followUps, (row) => [row.reminders, row.escalations])).toEqual({
      "2026-05-18": [0, 0],
      "2026-05-25": [2, 0],
      "2026-06-01": [3, 1],
      "2026-06-08": [0, 1],
      "2026-06-15": [1, 0],
    });
  });

  it("sorts the pending requests by age, and shows no delivery figures", async () => {
    const insights = await insightsFor(alice, query(), now);
    expect(insights?.pendingAge).toEqual({ "0-1": 1, "1-3": 1, "3-7": 1, "7+": 1 });
    expect(insights?.delivery).toBeNull();
  });

  it("over a year, adds what was sent before the 30 days and nothing older", async () => {
    const insights = await insightsFor(alice, query(365), now);
    expect(insights?.weeks).toHaveLength(53);
    const total = insights!.outcomes.reduce((sum, row) => sum + row.approved, 0);
    expect(total).toBe(4); // beforePeriod, approved0518, approved0608a/b; not longAgo
  });

  it("is offered their own accounts, and may choose one of them", async () => {
    expect(await insightsAccountOptions(alice)).toEqual({
      reach: "administered",
      accounts: [{ id: acme.id, name: acme.name }],
    });
    const one = await insightsFor(alice, query(30, acme.id), now);
    expect(one?.account).toEqual({ id: acme.id, name: acme.name });
    expect(outcomesOf(one!)).toEqual(acmeOutcomes);
  });

  it("sees nothing of another account, even by asking for it", async () => {
    expect(await insightsFor(alice, query(30, globex.id), now)).toBeNull();
    expect(await insightsFor(alice, query(30, "no-such-account"), now)).toBeNull();
  });
});

describe("who sees no insights", () => {
  it("a requester, a Virtual Account Administrator, a disabled administrator", async () => {
    expect(await insightsFor(requester, query(), now)).toBeNull();
    expect(await insightsFor(vera, query(), now)).toBeNull();
    expect(await insightsAccountOptions(vera)).toBeNull();
    const disabled = await createUser({ disabledAt: new Date() });
    await createMembership(disabled.id, acme.id, "ADMIN");
    expect(await insightsFor(disabled, query(), now)).toBeNull();
  });
});

const allOutcomes = {
  ...acmeOutcomes,
  "2026-05-25": [1, 0, 1, 0, 0],
  "2026-06-15": [0, 0, 0, 0, 3],
};

async function expectSupportFigures(insights: Insights | null) {
  expect(insights?.reach).toBe("all");
  expect(outcomesOf(insights!)).toEqual(allOutcomes);
  expect(series(insights!.decisionTime, (row) => [row.decisions, row.medianHours])).toEqual({
    "2026-05-18": [3, 24],
    "2026-05-25": [1, 5],
    "2026-06-01": [0, null],
    "2026-06-08": [3, 24],
    "2026-06-15": [0, null],
  });
  expect(insights?.pendingAge).toEqual({ "0-1": 2, "1-3": 1, "3-7": 1, "7+": 1 });
  expect(insights?.delivery).toEqual({
    emails: { sent: 1, failed: 1, held: 1, queued: 1 },
    webhooks: { delivered: 3, failed: 1, cancelled: 1, queued: 1, successRate: 0.75 },
  });
}

describe("support staff's insights", () => {
  it("count every account, with email and webhook delivery", async () => {
    await expectSupportFigures(await insightsFor(support, query(), now));
  });

  it("filter one account, and find accounts by name or identifier", async () => {
    const one = await insightsFor(support, query(30, globex.id), now);
    expect(one?.account).toEqual({ id: globex.id, name: globex.name });
    expect(outcomesOf(one!)["2026-05-25"]).toEqual([1, 0, 0, 0, 0]);
    expect(one?.pendingAge).toEqual({ "0-1": 1, "1-3": 0, "3-7": 0, "7+": 0 });
    expect(one?.delivery).toEqual({
      emails: { sent: 0, failed: 0, held: 0, queued: 0 },
      webhooks: { delivered: 0, failed: 0, cancelled: 0, queued: 0, successRate: null },
    });
    const found = await insightsAccountOptions(support, globex.name.slice(0, 8).toUpperCase());
    expect(found?.accounts).toContainEqual({ id: globex.id, name: globex.name });
    expect(found?.accounts).not.toContainEqual({ id: acme.id, name: acme.name });
    expect(await insightsAccountOptions(support, "")).toEqual({ reach: "all", accounts: [] });
    // Wildcards typed are text: no account's name starts with them.
    expect(await insightsAccountOptions(support, "%")).toEqual({ reach: "all", accounts: [] });
    expect(await insightsAccountOptions(support, "_")).toEqual({ reach: "all", accounts: [] });
  });
});

describe("the weekly rollup", () => {
  it("keeps the settled weeks only, and the insights say the same after it", async () => {
    const before = await Promise.all([
      insightsFor(support, query(30), now),
      insightsFor(support, query(365), now),
    ]);
    // Two passes at once: each week is kept once.
    const passes = await Promise.all([rollUpSettledWeeks(now), rollUpSettledWeeks(now)]);
    // 26 weeks a pass, from the oldest request's week (2024-12-02) on.
    expect(passes).toEqual([26, 26]);
    expect(await db.insightsWeek.count()).toBe(26);
    expect(await rollUpSettledWeeks(now, 1000)).toBe(52); // the rest of the way: 78 weeks in all
    // … up to 05-25: 06-01 holds a pending request.
    const all = await db.insightsWeek.findMany({ orderBy: { week: "asc" } });
    expect(all.at(0)?.week).toEqual(new Date("2024-12-02T00:00:00.000Z"));
    expect(all.at(-1)?.week).toEqual(new Date("2026-05-25T00:00:00.000Z"));
    const weeks = all.map((row) => row.week.getTime());
    expect(new Set(weeks).size).toBe(weeks.length);
    expect(weeks.every((week, i) => i === 0 || week - weeks[i - 1]! === 7 * 86_400_000)).toBe(true);
    const may25 = all.at(-1)!;
    expect([may25.approved, may25.withdrawn, may25.decisions, may25.medianHours]).toEqual([
      1, 1, 1, 5,
    ]);
    const after = await Promise.all([
      insightsFor(support, query(30), now),
      insightsFor(support, query(365), now),
    ]);
    expect(after).toEqual(before);
    await expectSupportFigures(after[0]);
  });

  it("does not keep a week that ended less than a day ago", async () => {
    // At 06-02 12:00 the week of 05-25 ended only 12 hours before.
    await db.insightsWeek.deleteMany({ where: { week: { gte: new Date("2026-05-25") } } });
    expect(await rollUpSettledWeeks(new Date("2026-06-01T12:00:00.000Z"))).toBe(0);
    expect(await rollUpSettledWeeks(new Date("2026-06-02T00:00:00.000Z"))).toBe(1);
  });
});
