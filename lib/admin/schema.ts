import { z } from "zod";
import { calendarDateSchema } from "@/lib/calendar-date-schema";
import {
  pageCursorParams,
  parseUrlFilters,
  searchTextParam,
  type SearchParams,
} from "@/lib/forms/url-filters";
import { accessEndShape, checkAccessEnd, membershipRoleSchema } from "@/lib/memberships/schema";
import { MAX_SCOPE_GRANTS, type Access } from "@/lib/virtual-accounts/scope";
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
 * One virtual account of an approval, as the approve forms and the API send it (messages: catalog
 * keys under memberships.errors). A form sends JSON through its server action: booleans are booleans.
 */
export const approvalVirtualAccountSchema = z.object({
  id: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .regex(/^[\w-]+$/),
  role: membershipRoleSchema,
  includeSubAccounts: z.boolean().default(false),
});

/**
 * The terms of an approval: what it gives — the entire account with a role (`scope` "account", the
 * default, USER unless chosen) or chosen virtual accounts (`scope` "virtualAccounts", 1 to
 * MAX_SCOPE_GRANTS of them, each once, each with its role) — and time-bound access if `endsInDays`
 * (30, 90, 365) or `endsOn` is given; neither means no end. Whether the virtual accounts are the
 * request's account's is checked against the database when deciding (decision-step.ts). The request
 * decided is added to it by each door: the form's requestId, the API's path, the bulk bar's list.
 * One flat object rather than a union, so that a body with only `role` (every caller before
 * virtual accounts) means what it did, and the API's document stays one plain schema.
 */
export const approvalSchema = z
  .object({
    role: roleSchema.default("USER"),
    scope: z.enum(["account", "virtualAccounts"], { error: "scopeInvalid" }).default("account"),
    virtualAccounts: z.array(approvalVirtualAccountSchema).optional(),
    ...accessEndShape,
  })
  .superRefine(checkAccessEnd)
  .superRefine((value, ctx) => {
    const issue = (message: string) =>
      ctx.addIssue({ code: "custom", path: ["virtualAccounts"], message });
    const chosen = value.virtualAccounts ?? [];
    // Virtual accounts without the scope that uses them would silently give the whole account.
    if (value.scope === "account") {
      if (chosen.length > 0) issue("virtualAccountsWithoutScope");
      return;
    }
    if (chosen.length === 0) issue("virtualAccountsNone");
    else if (chosen.length > MAX_SCOPE_GRANTS) issue("virtualAccountsTooMany");
    else if (new Set(chosen.map((va) => va.id)).size !== chosen.length)
      issue("virtualAccountTwice");
  });

export type ApprovalTerms = z.output<typeof approvalSchema>;

/** The access approval terms give (see approvalSchema). */
export function accessOfApproval(terms: ApprovalTerms): Access {
  if (terms.scope === "account") return { scope: "ACCOUNT", role: terms.role };
  return {
    scope: "VIRTUAL_ACCOUNTS",
    grants: (terms.virtualAccounts ?? []).map((va) => ({
      virtualAccountId: va.id,
      role: va.role,
      includeSubAccounts: va.includeSubAccounts,
    })),
  };
}

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
  | { decision: "approve"; access: Access; endsAt: Date | null }
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
