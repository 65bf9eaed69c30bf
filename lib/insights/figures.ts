import {
  decisionWeeks,
  emailOutcomes,
  requestWeeks,
  webhookOutcomes,
  type AccountSet,
  type DecisionWeekRow,
  type EmailOutcomeRow,
  type InsightsWeekRow,
  type RequestWeekRow,
  type TimeRange,
  type WebhookOutcomeRow,
} from "@/lib/db/sql/insights";

/**
 * The figures of a time range, by week where they are weekly: what the insights of a period add up
 * from its parts (counted live, or kept by the rollup) and what the rollup keeps of a week.
 */
export interface Figures {
  requests: RequestWeekRow[];
  decisions: DecisionWeekRow[];
  /** Null when not asked for (an administrator's insights show no delivery figures). */
  emails: EmailOutcomeRow | null;
  webhooks: WebhookOutcomeRow | null;
}

/** The range's figures counted now, for the accounts (null: every account). */
export async function liveFigures(
  range: TimeRange,
  accounts: AccountSet,
  delivery: boolean,
): Promise<Figures> {
  const [requests, decisions, emails, webhooks] = await Promise.all([
    requestWeeks(range, accounts),
    decisionWeeks(range, accounts),
    delivery ? emailOutcomes(range, accounts) : null,
    delivery ? webhookOutcomes(range, accounts) : null,
  ]);
  return { requests, decisions, emails, webhooks };
}

/** Weeks kept by the rollup as figures (nothing in a kept week is pending or queued). */
export function keptFigures(weeks: InsightsWeekRow[], delivery: boolean): Figures {
  const sum = (pick: (week: InsightsWeekRow) => number) =>
    weeks.reduce((total, week) => total + pick(week), 0);
  return {
    requests: weeks.map((week) => ({
      week: week.week,
      approved: week.approved,
      denied: week.denied,
      withdrawn: week.withdrawn,
      expired: week.expired,
      pending: 0,
      reminders: week.reminders,
      escalations: week.escalations,
    })),
    decisions: weeks
      .filter((week) => week.decisions > 0)
      .map((week) => ({
        week: week.week,
        decisions: week.decisions,
        medianHours: week.medianHours,
        p90Hours: week.p90Hours,
      })),
    emails: delivery
      ? {
          sent: sum((week) => week.emailsSent),
          failed: sum((week) => week.emailsFailed),
          held: sum((week) => week.emailsHeld),
          queued: 0,
        }
      : null,
    webhooks: delivery
      ? {
          delivered: sum((week) => week.webhooksDelivered),
          failed: sum((week) => week.webhooksFailed),
          cancelled: sum((week) => week.webhooksCancelled),
          queued: 0,
        }
      : null,
  };
}

function addCounts<Key extends string>(
  rows: (Record<Key, number> | null)[],
): Record<Key, number> | null {
  const present = rows.filter((row): row is Record<Key, number> => row !== null);
  if (present.length === 0) return null;
  const total = { ...present[0]! };
  for (const row of present.slice(1))
    for (const key of Object.keys(row) as Key[]) total[key] += row[key];
  return total;
}

/** The figures of disjoint ranges together (each week is in one range only). */
export function addFigures(parts: Figures[]): Figures {
  return {
    requests: parts.flatMap((part) => part.requests),
    decisions: parts.flatMap((part) => part.decisions),
    emails: addCounts<keyof EmailOutcomeRow>(parts.map((part) => part.emails)),
    webhooks: addCounts<keyof WebhookOutcomeRow>(parts.map((part) => part.webhooks)),
  };
}

/** A week in which no request was sent. */
export const noRequests = (week: string): RequestWeekRow => ({
  week,
  approved: 0,
  denied: 0,
  withdrawn: 0,
  expired: 0,
  pending: 0,
  reminders: 0,
  escalations: 0,
});

/** A week in which nothing was decided. */
export const noDecisions = (week: string): DecisionWeekRow => ({
  week,
  decisions: 0,
  medianHours: null,
  p90Hours: null,
});

/** What the rollup keeps of a settled week: its figures, for every account. */
export function keptWeekOf(week: string, figures: Figures): InsightsWeekRow {
  const requests = figures.requests.find((row) => row.week === week) ?? noRequests(week);
  const decisions = figures.decisions.find((row) => row.week === week) ?? noDecisions(week);
  // A settled week has nothing pending: its requests' statuses are final.
  const { approved, denied, withdrawn, expired, reminders, escalations } = requests;
  const { decisions: decided, medianHours, p90Hours } = decisions;
  return {
    week,
    approved,
    denied,
    withdrawn,
    expired,
    reminders,
    escalations,
    decisions: decided,
    medianHours,
    p90Hours,
    emailsSent: figures.emails?.sent ?? 0,
    emailsFailed: figures.emails?.failed ?? 0,
    emailsHeld: figures.emails?.held ?? 0,
    webhooksDelivered: figures.webhooks?.delivered ?? 0,
    webhooksFailed: figures.webhooks?.failed ?? 0,
    webhooksCancelled: figures.webhooks?.cancelled ?? 0,
  };
}
