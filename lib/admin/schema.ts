import { z } from "zod";
import { calendarDateSchema } from "@/lib/calendar-date";
import {
  pageCursorParams,
  parseUrlFilters,
  searchTextParam,
  type SearchParams,
} from "@/lib/forms/url-filters";
import { accessEndShape, checkAccessEnd } from "@/lib/memberships/schema";
import { BULK_LIMIT, DENIAL_REASON_LENGTH, grantableRoles } from "./rules";

/** Messages are catalog keys under admin.errors. */
const requestId = z.string().trim().min(1).max(100);

export const requestStatuses = ["PENDING", "APPROVED", "DENIED", "EXPIRED", "WITHDRAWN"] as const;

export const roleSchema = z.enum(grantableRoles, { error: "roleInvalid" });
export const denialReasonSchema = z
  .string()
  .trim()
  .max(DENIAL_REASON_LENGTH.max, "reasonTooLong")
  .optional()
  .transform((reason) => reason || null);

/** Approving may give time-bound access: `endsInDays` (30, 90, 365) or `endsOn`; neither means no end. */
export const approveRequestSchema = z
  .object({ requestId, role: roleSchema.default("USER"), ...accessEndShape })
  .superRefine(checkAccessEnd);
export const denyRequestSchema = z.object({ requestId, reason: denialReasonSchema });

export const bulkDecisionSchema = z.discriminatedUnion("decision", [
  z
    .object({
      decision: z.literal("approve"),
      requestIds: z.array(requestId).min(1, "noneSelected").max(BULK_LIMIT, "tooMany"),
      role: roleSchema.default("USER"),
      ...accessEndShape,
    })
    .superRefine(checkAccessEnd),
  z.object({
    decision: z.literal("deny"),
    requestIds: z.array(requestId).min(1, "noneSelected").max(BULK_LIMIT, "tooMany"),
    reason: denialReasonSchema,
  }),
]);

export type Decision =
  | { decision: "approve"; role: (typeof grantableRoles)[number]; endsAt: Date | null }
  | { decision: "deny"; reason: string | null };

export const pageSizes = [25, 50, 100] as const;

/** The queue's URL (see lib/forms/url-filters.ts). */
export const queueFiltersSchema = z.object({
  scope: z.enum(["mine", "escalated"]).catch("mine"),
  account: requestId.optional().catch(undefined),
  status: z.enum([...requestStatuses, "ALL"]).catch("PENDING"),
  from: calendarDateSchema.optional().catch(undefined),
  to: calendarDateSchema.optional().catch(undefined),
  q: searchTextParam,
  order: z.enum(["oldest", "newest"]).catch("oldest"),
  size: z.coerce
    .number()
    .refine((size) => (pageSizes as readonly number[]).includes(size))
    .catch(25),
  ...pageCursorParams,
});

export type QueueFilters = z.output<typeof queueFiltersSchema>;

/** Reads the queue's filters from a page's search params. */
export const parseQueueFilters = (searchParams: SearchParams): QueueFilters =>
  parseUrlFilters(queueFiltersSchema, searchParams);
