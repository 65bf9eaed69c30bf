import type { Actor } from "@/lib/auth/actor";
import { administeredAccounts } from "@/lib/admin/authority";
import { db } from "@/lib/db/client";
import { escapeLike } from "@/lib/db/like";
import {
  keptWeeks,
  pendingAges,
  type AccountSet,
  type InsightsWeekRow,
  type TimeRange,
} from "@/lib/db/sql/insights";
import { isSupportStaff } from "@/lib/support/access";
import { DAY_MS } from "@/lib/time";
import {
  addFigures,
  keptFigures,
  liveFigures,
  noDecisions,
  noRequests,
  type Figures,
} from "./figures";
import type {
  Insights,
  InsightsAccountOption,
  InsightsQuery,
  WeekDecisionTime,
  WeekFollowUps,
  WeekOutcomes,
  WeekStart,
} from "./types";
import { firstWholeWeek, mondayOf, WEEK_MS, weeksOf } from "./weeks";

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

/** One entry per week, from the statement's row or, where it had none, the week's empty row. */
function perWeek<Row extends { week: string }, Entry>(
  weeks: WeekStart[],
  rows: Row[],
  empty: (week: WeekStart) => Row,
  entry: (row: Row) => Entry,
): Entry[] {
  const byWeek = new Map(rows.map((row) => [row.week, row]));
  return weeks.map((week) => entry(byWeek.get(week) ?? empty(week)));
}

/** The kept weeks up to the first gap (the rollup keeps weeks without gaps; a gap is counted live). */
function contiguous(weeks: InsightsWeekRow[]): InsightsWeekRow[] {
  const end = weeks.findIndex(
    (week, i) =>
      i > 0 && mondayOf(week.week).getTime() !== mondayOf(weeks[i - 1]!.week).getTime() + WEEK_MS,
  );
  return end === -1 ? weeks : weeks.slice(0, end);
}

/**
 * The figures of a range. For some accounts, counted live over their indexes. For every account,
 * the weeks the rollup kept (lib/insights/rollup.ts) and the rest live: the range's first week when
 * it starts within one (only its days in the range count), and everything after the last kept week.
 * Each part is a disjoint piece of time, so their weeks never overlap.
 */
async function figuresOf(
  range: TimeRange,
  accounts: AccountSet,
  delivery: boolean,
): Promise<Figures> {
  if (accounts !== null) return liveFigures(range, accounts, delivery);
  const wholeWeeks = firstWholeWeek(range.from);
  const head =
    range.from < wholeWeeks
      ? liveFigures(
          { from: range.from, to: new Date(Math.min(wholeWeeks.getTime(), range.to.getTime())) },
          null,
          delivery,
        )
      : null;
  const rest = async (): Promise<Figures[]> => {
    if (wholeWeeks >= range.to) return [];
    const kept = contiguous(await keptWeeks({ from: wholeWeeks, to: range.to }));
    if (kept.length === 0)
      return [await liveFigures({ from: wholeWeeks, to: range.to }, null, delivery)];
    const keptFrom = mondayOf(kept[0]!.week);
    const keptTo = new Date(mondayOf(kept.at(-1)!.week).getTime() + WEEK_MS);
    // Before the first kept week there is usually nothing (the rollup starts at the oldest
    // data), so this is an empty index range; after the last one, the weeks not settled yet.
    const live = [
      ...(wholeWeeks < keptFrom ? [{ from: wholeWeeks, to: keptFrom }] : []),
      ...(keptTo < range.to ? [{ from: keptTo, to: range.to }] : []),
    ];
    return [
      keptFigures(kept, delivery),
      ...(await Promise.all(live.map((part) => liveFigures(part, null, delivery)))),
    ];
  };
  const [first, others] = await Promise.all([head, rest()]);
  return addFigures(first ? [first, ...others] : others);
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
  const delivery = reach.reach === "all";
  const [figures, pending] = await Promise.all([
    figuresOf(range, accounts, delivery),
    pendingAges(now, accounts),
  ]);
  const requests = figures.requests;
  const decisions = figures.decisions;
  const outcomes = perWeek(weeks, requests, noRequests, (row): WeekOutcomes => {
    const { week, approved, denied, withdrawn, expired, pending } = row;
    return { week, approved, denied, withdrawn, expired, pending };
  });
  const followUps = perWeek(weeks, requests, noRequests, (row): WeekFollowUps => {
    const { week, reminders, escalations } = row;
    return { week, reminders, escalations };
  });
  const decisionTime = perWeek(weeks, decisions, noDecisions, (row): WeekDecisionTime => row);
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
    delivery:
      figures.emails && figures.webhooks
        ? {
            emails: figures.emails,
            webhooks: {
              ...figures.webhooks,
              successRate:
                figures.webhooks.delivered + figures.webhooks.failed === 0
                  ? null
                  : figures.webhooks.delivered /
                    (figures.webhooks.delivered + figures.webhooks.failed),
            },
          }
        : null,
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
        // Prisma passes the text to ILIKE as it is: `%` and `_` typed are matched literally.
        { name: { startsWith: escapeLike(text), mode: "insensitive" } },
        { domains: { some: { domain: text } } },
      ],
    },
    select: { id: true, name: true },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: 20,
  });
  return { reach: "all", accounts };
}
