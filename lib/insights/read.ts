import type { Actor } from "@/lib/auth/actor";
import { administeredAccounts } from "@/lib/admin/authority";
import { db } from "@/lib/db/client";
import {
  decisionWeeks,
  emailOutcomes,
  pendingAges,
  requestWeeks,
  webhookOutcomes,
  type AccountSet,
  type TimeRange,
} from "@/lib/db/sql/insights";
import { isSupportStaff } from "@/lib/support/access";
import type {
  Insights,
  InsightsAccountOption,
  InsightsQuery,
  WeekDecisionTime,
  WeekFollowUps,
  WeekOutcomes,
  WeekStart,
} from "./types";

const DAY_MS = 24 * 60 * 60 * 1000;

/** What the viewer may see: every account (support staff), the accounts they administer, or nothing. */
type Reach = { reach: "all" } | { reach: "administered"; accounts: InsightsAccountOption[] };

/**
 * The viewer's reach, read from the database (never from the session): active support staff see
 * every account; a Smart Account Administrator the accounts they administer now (administeredBy);
 * anyone else, or a disabled user, nothing (null).
 */
async function reachOf(viewer: Pick<Actor, "id">): Promise<Reach | null> {
  const user = await db.user.findUnique({
    where: { id: viewer.id },
    select: { platformRole: true, disabledAt: true },
  });
  if (!user || user.disabledAt) return null;
  if (isSupportStaff(user)) return { reach: "all" };
  const accounts = await administeredAccounts(db, viewer.id);
  return accounts.length > 0 ? { reach: "administered", accounts } : null;
}

/** The Monday (UTC, 00:00) of the week `date` is in. */
export function weekStartOf(date: Date): Date {
  const day = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  return new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * DAY_MS);
}

const weekName = (monday: Date): WeekStart => monday.toISOString().slice(0, 10);

/** The weeks a range touches, oldest first. */
export function weeksOf(range: TimeRange): WeekStart[] {
  const weeks: WeekStart[] = [];
  for (let monday = weekStartOf(range.from); monday < range.to;) {
    weeks.push(weekName(monday));
    monday = new Date(monday.getTime() + 7 * DAY_MS);
  }
  return weeks;
}

/** One entry per week, zeros (or `empty`) where the statement had no row. */
function perWeek<Row extends { week: string }, Entry>(
  weeks: WeekStart[],
  rows: Row[],
  entry: (week: WeekStart, row: Row | undefined) => Entry,
): Entry[] {
  const byWeek = new Map(rows.map((row) => [row.week, row]));
  return weeks.map((week) => entry(week, byWeek.get(week)));
}

/**
 * The insights the viewer may see for the query, at `now`: the period [now − period days, now),
 * over one account or every account in the viewer's reach. Null when the viewer may see no
 * insights, or the account asked for is not in their reach (or does not exist): the page answers
 * "not found" for both.
 */
export async function insightsFor(
  viewer: Pick<Actor, "id">,
  query: InsightsQuery,
  now: Date = new Date(),
): Promise<Insights | null> {
  const reach = await reachOf(viewer);
  if (!reach) return null;
  let account: InsightsAccountOption | null = null;
  if (query.accountId !== null) {
    account =
      reach.reach === "all"
        ? await db.account.findUnique({
            where: { id: query.accountId },
            select: { id: true, name: true },
          })
        : (reach.accounts.find(({ id }) => id === query.accountId) ?? null);
    if (!account) return null;
  }
  const accounts: AccountSet = account
    ? [account.id]
    : reach.reach === "all"
      ? null
      : reach.accounts.map(({ id }) => id);
  const range: TimeRange = { from: new Date(now.getTime() - query.period * DAY_MS), to: now };
  const weeks = weeksOf(range);
  const [requests, decisions, pending, delivery] = await Promise.all([
    requestWeeks(range, accounts),
    decisionWeeks(range, accounts),
    pendingAges(now, accounts),
    reach.reach === "all"
      ? Promise.all([emailOutcomes(range, accounts), webhookOutcomes(range, accounts)])
      : null,
  ]);
  const outcomes = perWeek(weeks, requests, (week, row): WeekOutcomes => ({
    week,
    approved: row?.approved ?? 0,
    denied: row?.denied ?? 0,
    withdrawn: row?.withdrawn ?? 0,
    expired: row?.expired ?? 0,
    pending: row?.pending ?? 0,
  }));
  const followUps = perWeek(weeks, requests, (week, row): WeekFollowUps => ({
    week,
    reminders: row?.reminders ?? 0,
    escalations: row?.escalations ?? 0,
  }));
  const decisionTime = perWeek(weeks, decisions, (week, row): WeekDecisionTime => ({
    week,
    decisions: row?.decisions ?? 0,
    medianHours: row?.medianHours ?? null,
    p90Hours: row?.p90Hours ?? null,
  }));
  return {
    period: query.period,
    from: range.from,
    to: range.to,
    account,
    reach: reach.reach,
    weeks,
    outcomes,
    decisionTime,
    followUps,
    pendingAge: {
      "0-1": pending.under1,
      "1-3": pending.under3,
      "3-7": pending.under7,
      "7+": pending.older,
    },
    delivery: delivery && {
      emails: delivery[0],
      webhooks: {
        ...delivery[1],
        successRate:
          delivery[1].delivered + delivery[1].failed === 0
            ? null
            : delivery[1].delivered / (delivery[1].delivered + delivery[1].failed),
      },
    },
  };
}

/**
 * The accounts the viewer may pick for insights: an administrator's accounts, by name; for support
 * staff, the accounts whose name starts with `search` or that an Account Domain Identifier equal
 * to it names (at most 20; none without a search). Null when the viewer may see no insights.
 */
export async function insightsAccountOptions(
  viewer: Pick<Actor, "id">,
  search = "",
): Promise<{ reach: Reach["reach"]; accounts: InsightsAccountOption[] } | null> {
  const reach = await reachOf(viewer);
  if (!reach) return null;
  if (reach.reach === "administered") return reach;
  const text = search.trim().toLowerCase();
  if (text === "") return { reach: "all", accounts: [] };
  const accounts = await db.account.findMany({
    where: {
      OR: [
        { name: { startsWith: text, mode: "insensitive" } },
        { domains: { some: { domain: text } } },
      ],
    },
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 20,
  });
  return { reach: "all", accounts };
}
