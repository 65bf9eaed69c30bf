import { z } from "zod";
import { INSIGHTS_PERIODS, type InsightsQuery } from "./types";

/**
 * The insights page's and its CSV files' query (`?period=90&account=<id>`): the period in days
 * (30 by default) and an optional account id. Anything else is refused (the page shows its
 * defaults instead; a CSV request answers 400).
 */
export const insightsQuerySchema = z
  .object({
    period: z
      .enum(INSIGHTS_PERIODS.map(String) as ["30", "90", "365"])
      .default("30")
      .transform((period) => Number(period) as InsightsQuery["period"]),
    account: z
      .string()
      .trim()
      .max(64)
      .regex(/^[0-9A-Za-z-]+$/)
      .optional()
      .transform((account) => (account ? account : null)),
  })
  .transform(({ period, account }): InsightsQuery => ({ period, accountId: account }));

/** The query from search params (first value of each); the defaults when it is malformed. */
export function insightsQueryOf(params: Record<string, string | string[] | undefined>): {
  query: InsightsQuery;
  valid: boolean;
} {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const parsed = insightsQuerySchema.safeParse({
    period: first(params.period) || undefined,
    account: first(params.account) || undefined,
  });
  return parsed.success
    ? { query: parsed.data, valid: true }
    : { query: { period: 30, accountId: null }, valid: false };
}
