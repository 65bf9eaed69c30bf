/*
 * Insights (issue 29): what an administrator (their accounts) and support staff (every account)
 * see at a glance over a chosen period. The shapes the page, its tables, its CSV files and the
 * tests share; the numbers come from lib/insights/read.ts (SQL over indexes: lib/db/sql/insights.ts).
 */

/** The periods offered, in days; the default is the first. */
export const INSIGHTS_PERIODS = [30, 90, 365] as const;
export type InsightsPeriod = (typeof INSIGHTS_PERIODS)[number];

/** The outcomes of a request as the charts stack them (a pending request is one not decided yet). */
export const INSIGHTS_OUTCOMES = ["approved", "denied", "withdrawn", "expired", "pending"] as const;
export type InsightsOutcome = (typeof INSIGHTS_OUTCOMES)[number];

/** The age buckets of pending requests, in days since they were sent: [0, 1), [1, 3), [3, 7), [7, ∞). */
export const PENDING_AGE_BUCKETS = ["0-1", "1-3", "3-7", "7+"] as const;
export type PendingAgeBucket = (typeof PENDING_AGE_BUCKETS)[number];

/** What the page asks: the period and, optionally, one account among those the viewer may see. */
export interface InsightsQuery {
  period: InsightsPeriod;
  /** One account (null: every account the viewer may see). */
  accountId: string | null;
}

/**
 * A week is named by its first day (a Monday, UTC) as YYYY-MM-DD. The period's first week is
 * usually partial: only the days inside the period count.
 */
export type WeekStart = string;

/** Requests sent in a week, by what became of them (their status now). */
export type WeekOutcomes = { week: WeekStart } & Record<InsightsOutcome, number>;

/** Requests decided (approved or denied) in a week, and how long they had waited, in hours. */
export interface WeekDecisionTime {
  week: WeekStart;
  decisions: number;
  /** Null when nothing was decided that week. */
  medianHours: number | null;
  p90Hours: number | null;
}

/** Reminders requesters sent and requests escalated to support, in a week. */
export interface WeekFollowUps {
  week: WeekStart;
  reminders: number;
  escalations: number;
}

/** Emails created in the period (of the chosen accounts' requests), by what became of them. */
export interface EmailOutcomes {
  sent: number;
  failed: number;
  /** Never sent: no SMTP server configured (the demo). */
  held: number;
  /** Still waiting for the worker. */
  queued: number;
}

/** Webhook deliveries created in the period (of the chosen accounts' endpoints). */
export interface WebhookOutcomes {
  delivered: number;
  failed: number;
  /** Their endpoint was disabled or deleted first. */
  cancelled: number;
  queued: number;
  /** delivered ÷ (delivered + failed), null when neither. */
  successRate: number | null;
}

export interface Insights {
  period: InsightsPeriod;
  /** The period: [from, to). */
  from: Date;
  to: Date;
  /** The account chosen (null: all the viewer may see). */
  account: InsightsAccountOption | null;
  /** Whether the viewer sees every account (support staff) or only those they administer. */
  reach: "administered" | "all";
  /** The weeks of the period, oldest first: every series below has one entry per week, zeros included. */
  weeks: WeekStart[];
  outcomes: WeekOutcomes[];
  decisionTime: WeekDecisionTime[];
  followUps: WeekFollowUps[];
  /** Requests pending now, by age (the period does not apply). */
  pendingAge: Record<PendingAgeBucket, number>;
  /** Support staff only (null for an administrator): email and webhook delivery. */
  delivery: { emails: EmailOutcomes; webhooks: WebhookOutcomes } | null;
}

/** An account the viewer may pick in the filter. */
export interface InsightsAccountOption {
  id: string;
  name: string;
}
