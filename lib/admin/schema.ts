import { z } from "zod";
import { calendarDateSchema } from "@/lib/calendar-date-schema";
import {
  pageCursorParams,
  parseUrlFilters,
  searchTextParam,
  type SearchParams,
} from "@/lib/forms/url-filters";
import { accessEndShape, checkAccessEnd } from "@/lib/memberships/schema";
import { BULK_LIMIT, DENIAL_REASON_LENGTH, grantableRoles } from "./rules";

/** Messages are catalog keys under admin.errors. */
export const requestIdSchema = z.string().trim().min(1).max(100);

export const requestStatuses = ["PENDING", "APPROVED", "DENIED", "EXPIRED", "WITHDRAWN"] as const;

export const roleSchema = z.enum(grantableRoles, { error: "roleInvalid" });
export const denialReasonSchema = z
  .string()
  .trim()
  .max(DENIAL_REASON_LENGTH.max, "reasonTooLong")
  .optional()
  .transform((reason) => reason || null);

/**
 * The terms of an approval: a role (USER by default), and time-bound access if `endsInDays` (30,
 * 90, 365) or `endsOn` is given; neither means no end. The request decided is added to it by each
 * door: the form's requestId, the API's path, the bulk bar's list.
 */
export const approvalSchema = z
  .object({ role: roleSchema.default("USER"), ...accessEndShape })
  .superRefine(checkAccessEnd);
/** A denial: an optional reason, emailed to the requester. */
export const denialSchema = z.object({ reason: denialReasonSchema });

export const approveRequestSchema = approvalSchema.extend({ requestId: requestIdSchema });
export const denyRequestSchema = denialSchema.extend({ requestId: requestIdSchema });

const requestIds = z.array(requestIdSchema).min(1, "noneSelected").max(BULK_LIMIT, "tooMany");

export const bulkDecisionSchema = z.discriminatedUnion("decision", [
  approvalSchema.extend({ decision: z.literal("approve"), requestIds }),
  denialSchema.extend({ decision: z.literal("deny"), requestIds }),
]);

export type Decision =
  | { decision: "approve"; role: (typeof grantableRoles)[number]; endsAt: Date | null }
  | { decision: "deny"; reason: string | null };

export const pageSizes = [25, 50, 100] as const;

/** The queue's URL (see lib/forms/url-filters.ts). */
export const queueFiltersSchema = z.object({
  scope: z.enum(["mine", "escalated"]).catch("mine"),
  account: requestIdSchema.optional().catch(undefined),
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
