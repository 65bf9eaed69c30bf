import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

/*
 * The insights' aggregates (lib/insights/read.ts), each one statement over an index, for a time
 * range [from, to) and a set of accounts (null: every account). The same statements compute the
 * weekly rollup of settled weeks (lib/insights/rollup.ts) and the live part of a period, so the two
 * cannot disagree. Weeks start on Monday, UTC (timestamps are stored in UTC), named YYYY-MM-DD.
 */

export interface TimeRange {
  from: Date;
  to: Date;
}

/** The accounts to count: null for every account, else their ids. */
export type AccountSet = string[] | null;

const weekOf = (column: Prisma.Sql) =>
  Prisma.sql`to_char(date_trunc('week', ${column}), 'YYYY-MM-DD')`;

function accountsSql(column: Prisma.Sql, accounts: AccountSet): Prisma.Sql {
  return accounts === null ? Prisma.sql`TRUE` : Prisma.sql`${column} = ANY(${accounts}::text[])`;
}

export interface RequestWeekRow {
  week: string;
  approved: number;
  denied: number;
  withdrawn: number;
  expired: number;
  pending: number;
  reminders: number;
  escalations: number;
}

/**
 * Requests sent in the range, by week sent: how many of each status now, the reminders their
 * requesters sent and how many were escalated. Reads AccessRequest by ("accountId", "createdAt")
 * for accounts, by ("createdAt") for all.
 */
export function requestWeeks(range: TimeRange, accounts: AccountSet): Promise<RequestWeekRow[]> {
  return db.$queryRaw<RequestWeekRow[]>(requestWeeksSql(range, accounts));
}

/** requestWeeks' statement (its plans are tested: tests/integration/insights-plans.test.ts). */
export function requestWeeksSql(range: TimeRange, accounts: AccountSet): Prisma.Sql {
  return Prisma.sql`
    SELECT ${weekOf(Prisma.sql`r."createdAt"`)} AS "week",
           (count(*) FILTER (WHERE r."status" = 'APPROVED'))::int AS "approved",
           (count(*) FILTER (WHERE r."status" = 'DENIED'))::int AS "denied",
           (count(*) FILTER (WHERE r."status" = 'WITHDRAWN'))::int AS "withdrawn",
           (count(*) FILTER (WHERE r."status" = 'EXPIRED'))::int AS "expired",
           (count(*) FILTER (WHERE r."status" = 'PENDING'))::int AS "pending",
           coalesce(sum(r."reminderCount"), 0)::int AS "reminders",
           count(r."escalatedAt")::int AS "escalations"
      FROM "AccessRequest" r
     WHERE r."createdAt" >= ${range.from}::timestamp(3) AND r."createdAt" < ${range.to}::timestamp(3)
       AND ${accountsSql(Prisma.sql`r."accountId"`, accounts)}
     GROUP BY 1`;
}

export interface DecisionWeekRow {
  week: string;
  decisions: number;
  medianHours: number | null;
  p90Hours: number | null;
}

/**
 * Requests approved or denied in the range, by week decided: how many, and the median and 90th
 * percentile (continuous) of the hours from sending to decision.
 */
export function decisionWeeks(range: TimeRange, accounts: AccountSet): Promise<DecisionWeekRow[]> {
  return db.$queryRaw<DecisionWeekRow[]>(decisionWeeksSql(range, accounts));
}

/** decisionWeeks' statement. */
export function decisionWeeksSql(range: TimeRange, accounts: AccountSet): Prisma.Sql {
  const hours = Prisma.sql`extract(epoch FROM r."decidedAt" - r."createdAt") / 3600.0`;
  return Prisma.sql`
    SELECT ${weekOf(Prisma.sql`r."decidedAt"`)} AS "week",
           count(*)::int AS "decisions",
           (percentile_cont(0.5) WITHIN GROUP (ORDER BY ${hours}))::float8 AS "medianHours",
           (percentile_cont(0.9) WITHIN GROUP (ORDER BY ${hours}))::float8 AS "p90Hours"
      FROM "AccessRequest" r
     WHERE r."status" IN ('APPROVED', 'DENIED')
       AND r."decidedAt" >= ${range.from}::timestamp(3) AND r."decidedAt" < ${range.to}::timestamp(3)
       AND ${accountsSql(Prisma.sql`r."accountId"`, accounts)}
     GROUP BY 1`;
}

export interface PendingAgeRow {
  under1: number;
  under3: number;
  under7: number;
  older: number;
}

/** Requests pending at `now`, by days since they were sent: [0, 1), [1, 3), [3, 7), [7, ∞). */
export async function pendingAges(now: Date, accounts: AccountSet): Promise<PendingAgeRow> {
  const [row] = await db.$queryRaw<PendingAgeRow[]>(pendingAgesSql(now, accounts));
  return row!;
}

/** pendingAges' statement. */
export function pendingAgesSql(now: Date, accounts: AccountSet): Prisma.Sql {
  const age = Prisma.sql`${now}::timestamp(3) - r."createdAt"`;
  return Prisma.sql`
    SELECT (count(*) FILTER (WHERE ${age} < interval '1 day'))::int AS "under1",
           (count(*) FILTER (WHERE ${age} >= interval '1 day' AND ${age} < interval '3 days'))::int AS "under3",
           (count(*) FILTER (WHERE ${age} >= interval '3 days' AND ${age} < interval '7 days'))::int AS "under7",
           (count(*) FILTER (WHERE ${age} >= interval '7 days'))::int AS "older"
      FROM "AccessRequest" r
     WHERE r."status" = 'PENDING' AND ${accountsSql(Prisma.sql`r."accountId"`, accounts)}`;
}

export interface EmailOutcomeRow {
  sent: number;
  failed: number;
  held: number;
  queued: number;
}

/**
 * Emails about access requests (to administrators and requesters) created in the range, by status.
 * Emails of no request (sign-in links, membership notices) are left out: the retention job deletes
 * sign-in links after OUTBOX_RETENTION_DAYS, so they could not be counted over a year anyway.
 */
export async function emailOutcomes(
  range: TimeRange,
  accounts: AccountSet,
): Promise<EmailOutcomeRow> {
  const [row] = await db.$queryRaw<EmailOutcomeRow[]>(emailOutcomesSql(range, accounts));
  return row!;
}

/** emailOutcomes' statement. */
export function emailOutcomesSql(range: TimeRange, accounts: AccountSet): Prisma.Sql {
  const inRange = Prisma.sql`e."createdAt" >= ${range.from}::timestamp(3) AND e."createdAt" < ${range.to}::timestamp(3)`;
  // For accounts, each request's emails by ("requestId"): a LATERAL subquery (OFFSET 0 keeps
  // PostgreSQL from turning it into a join), so that a few accounts' emails are never looked for
  // by reading every email of the period.
  const emails =
    accounts === null
      ? Prisma.sql`"EmailMessage" e WHERE e."requestId" IS NOT NULL AND ${inRange}`
      : Prisma.sql`"AccessRequest" r CROSS JOIN LATERAL (
          SELECT e."status" FROM "EmailMessage" e WHERE e."requestId" = r."id" AND ${inRange} OFFSET 0) e
         WHERE ${accountsSql(Prisma.sql`r."accountId"`, accounts)}`;
  return Prisma.sql`
    SELECT (count(*) FILTER (WHERE e."status" = 'SENT'))::int AS "sent",
           (count(*) FILTER (WHERE e."status" = 'FAILED'))::int AS "failed",
           (count(*) FILTER (WHERE e."status" = 'HELD'))::int AS "held",
           (count(*) FILTER (WHERE e."status" = 'QUEUED'))::int AS "queued"
      FROM ${emails}`;
}

export interface WebhookOutcomeRow {
  delivered: number;
  failed: number;
  cancelled: number;
  queued: number;
}

/** Webhook deliveries created in the range by status, for the accounts' endpoints. */
export async function webhookOutcomes(
  range: TimeRange,
  accounts: AccountSet,
): Promise<WebhookOutcomeRow> {
  const [row] = await db.$queryRaw<WebhookOutcomeRow[]>(webhookOutcomesSql(range, accounts));
  return row!;
}

/** webhookOutcomes' statement. */
export function webhookOutcomesSql(range: TimeRange, accounts: AccountSet): Prisma.Sql {
  const inRange = Prisma.sql`d."createdAt" >= ${range.from}::timestamp(3) AND d."createdAt" < ${range.to}::timestamp(3)`;
  // For accounts, each endpoint's deliveries by ("endpointId", "createdAt"), as for emails.
  const deliveries =
    accounts === null
      ? Prisma.sql`"WebhookDelivery" d WHERE ${inRange}`
      : Prisma.sql`"WebhookEndpoint" w CROSS JOIN LATERAL (
          SELECT d."status" FROM "WebhookDelivery" d WHERE d."endpointId" = w."id" AND ${inRange} OFFSET 0) d
         WHERE ${accountsSql(Prisma.sql`w."accountId"`, accounts)}`;
  return Prisma.sql`
    SELECT (count(*) FILTER (WHERE d."status" = 'DELIVERED'))::int AS "delivered",
           (count(*) FILTER (WHERE d."status" = 'FAILED'))::int AS "failed",
           (count(*) FILTER (WHERE d."status" = 'CANCELLED'))::int AS "cancelled",
           (count(*) FILTER (WHERE d."status" = 'QUEUED'))::int AS "queued"
      FROM ${deliveries}`;
}

/** The Monday of the first week the rollup has not counted yet: after the last row, or the week of the oldest data. */
export async function firstWeekToRoll(): Promise<Date | null> {
  const [row] = await db.$queryRaw<{ week: Date | null }[]>`
    SELECT coalesce(
             (SELECT max(w."week") + 7 FROM "InsightsWeek" w)::timestamp(3),
             date_trunc('week', least(
               (SELECT min(r."createdAt") FROM "AccessRequest" r),
               (SELECT min(d."createdAt") FROM "WebhookDelivery" d)))::timestamp(3)) AS "week"`;
  return row?.week ?? null;
}

/**
 * Whether nothing created in the range can still change what insights count: no pending request,
 * no queued email about a request, no queued webhook delivery (each found through its insights
 * index).
 */
export async function isSettled(range: TimeRange): Promise<boolean> {
  const inRange = (column: Prisma.Sql) =>
    Prisma.sql`${column} >= ${range.from}::timestamp(3) AND ${column} < ${range.to}::timestamp(3)`;
  const [row] = await db.$queryRaw<{ settled: boolean }[]>`
    SELECT NOT EXISTS (SELECT 1 FROM "AccessRequest" r WHERE r."status" = 'PENDING' AND ${inRange(Prisma.sql`r."createdAt"`)})
       AND NOT EXISTS (SELECT 1 FROM "EmailMessage" e
                        WHERE e."requestId" IS NOT NULL AND e."status" = 'QUEUED' AND ${inRange(Prisma.sql`e."createdAt"`)})
       AND NOT EXISTS (SELECT 1 FROM "WebhookDelivery" d WHERE d."status" = 'QUEUED' AND ${inRange(Prisma.sql`d."createdAt"`)})
       AS "settled"`;
  return row!.settled;
}

export interface InsightsWeekRow {
  week: string;
  approved: number;
  denied: number;
  withdrawn: number;
  expired: number;
  reminders: number;
  escalations: number;
  decisions: number;
  medianHours: number | null;
  p90Hours: number | null;
  emailsSent: number;
  emailsFailed: number;
  emailsHeld: number;
  webhooksDelivered: number;
  webhooksFailed: number;
  webhooksCancelled: number;
}

/** Keeps a settled week's figures; a week another process kept first is left as it is. */
export async function keepWeek(row: InsightsWeekRow): Promise<void> {
  await db.$executeRaw`
    INSERT INTO "InsightsWeek" ("week", "approved", "denied", "withdrawn", "expired", "reminders", "escalations",
                                "decisions", "medianHours", "p90Hours", "emailsSent", "emailsFailed", "emailsHeld",
                                "webhooksDelivered", "webhooksFailed", "webhooksCancelled")
    VALUES (${row.week}::date, ${row.approved}, ${row.denied}, ${row.withdrawn}, ${row.expired}, ${row.reminders},
            ${row.escalations}, ${row.decisions}, ${row.medianHours}::float8, ${row.p90Hours}::float8, ${row.emailsSent},
            ${row.emailsFailed}, ${row.emailsHeld}, ${row.webhooksDelivered}, ${row.webhooksFailed}, ${row.webhooksCancelled})
    ON CONFLICT ("week") DO NOTHING`;
}

/** The kept weeks within [from, to) (from a Monday), oldest first. */
export function keptWeeks(range: TimeRange): Promise<InsightsWeekRow[]> {
  return db.$queryRaw<InsightsWeekRow[]>`
    SELECT to_char(w."week", 'YYYY-MM-DD') AS "week", w."approved", w."denied", w."withdrawn", w."expired",
           w."reminders", w."escalations", w."decisions", w."medianHours", w."p90Hours", w."emailsSent",
           w."emailsFailed", w."emailsHeld", w."webhooksDelivered", w."webhooksFailed", w."webhooksCancelled"
      FROM "InsightsWeek" w
     WHERE w."week" >= ${range.from}::timestamp(3) AND (w."week" + 7)::timestamp(3) <= ${range.to}::timestamp(3)
     ORDER BY w."week"`;
}
