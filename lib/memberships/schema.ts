import { z } from "zod";
import { dayStart } from "@/lib/calendar-date";
import { calendarDateSchema } from "@/lib/calendar-date-schema";
import {
  pageCursorParams,
  parseUrlFilters,
  searchTextParam,
  type SearchParams,
} from "@/lib/forms/url-filters";
import { addDays } from "@/lib/time";
import {
  ACCOUNT_CASE_MESSAGE_LENGTH,
  END_PRESET_DAYS,
  MAX_END_DAYS,
  REMOVAL_REASON_LENGTH,
  endDateErrorCode,
  membershipRoles,
} from "./rules";

/** Messages are catalog keys under memberships.errors. */
const id = z.string().trim().min(1).max(100);

export const membershipRoleSchema = z.enum(membershipRoles, { error: "roleInvalid" });

const todayOf = (now: Date) => now.toISOString().slice(0, 10);

/** One of the preset ends (END_PRESET_DAYS), in days from now, as JSON sends it: a number. */
export const endPresetSchema = z.literal(END_PRESET_DAYS, { error: "endInvalid" });

/**
 * When access ends, as forms send it: nothing (no end), `endsInDays` (one of the presets, counted
 * from now; a form may send it as a string) or `endsOn` (YYYY-MM-DD: access ends at the start of
 * that day, UTC). Spread into a schema's object, with checkAccessEnd as its refinement. The API's
 * JSON bodies take `endsInDays` as endPresetSchema, a number (lib/api/contract.ts).
 */
export const accessEndShape = {
  endsInDays: z.coerce.number().pipe(endPresetSchema).optional(),
  endsOn: calendarDateSchema.optional(),
};

export function checkAccessEnd(
  value: { endsInDays?: number; endsOn?: string },
  ctx: z.RefinementCtx,
): void {
  if (value.endsInDays !== undefined && value.endsOn !== undefined) {
    ctx.addIssue({ code: "custom", path: ["endsOn"], message: "endBoth" });
  }
  const problem =
    value.endsOn === undefined ? null : endDateErrorCode(value.endsOn, todayOf(new Date()));
  if (problem) ctx.addIssue({ code: "custom", path: ["endsOn"], message: problem });
}

export const accessEndSchema = z.object(accessEndShape).superRefine(checkAccessEnd);

export type AccessEnd = z.output<typeof accessEndSchema>;

/** The moment access ends, or null for none. */
export function accessEndsAt(end: AccessEnd, now = new Date()): Date | null {
  if (end.endsOn) return dayStart(end.endsOn);
  if (end.endsInDays) return addDays(now, Math.min(end.endsInDays, MAX_END_DAYS));
  return null;
}

export const changeRoleSchema = z.object({ membershipId: id, role: membershipRoleSchema });

/** Why a member's access ends, if the remover says (they are emailed it): the API's DELETE body. */
export const removalSchema = z.object({
  reason: z
    .string()
    .trim()
    .max(REMOVAL_REASON_LENGTH.max, "reasonTooLong")
    .optional()
    .transform((reason) => reason || null),
});
export const removeMemberSchema = removalSchema.extend({ membershipId: id });

/** No end any more (extending a time-bound access). */
export const permanentSchema = z.literal(true).optional();

/** A new, later end: a preset, a date, or `permanent` (no end any more). */
export const extendMembershipSchema = z
  .object({ membershipId: id, permanent: permanentSchema, ...accessEndShape })
  .superRefine((value, ctx) => {
    checkAccessEnd(value, ctx);
    const given = [value.permanent, value.endsInDays, value.endsOn].filter(
      (part) => part !== undefined,
    ).length;
    if (given !== 1) ctx.addIssue({ code: "custom", path: ["endsOn"], message: "endRequired" });
  });

export const leaveAccountSchema = z.object({ accountId: id });

export const accountSupportCaseSchema = z.object({
  accountId: id,
  message: z
    .string()
    .trim()
    .min(ACCOUNT_CASE_MESSAGE_LENGTH.min, "messageTooShort")
    .max(ACCOUNT_CASE_MESSAGE_LENGTH.max, "messageTooLong"),
});

export const memberStatuses = ["active", "ending", "ended", "all"] as const;
export const memberRoleFilters = [...membershipRoles, "ALL"] as const;
export const MEMBERS_PAGE_SIZE = 50;

/** The members page's URL (see lib/forms/url-filters.ts). */
export const membersFiltersSchema = z.object({
  q: searchTextParam,
  role: z.enum(memberRoleFilters).catch("ALL"),
  status: z.enum(memberStatuses).catch("active"),
  /**
   * A virtual account: the people with a role there (Smart Account members, and grants on it or on
   * an ancestor with its sub-accounts). One the viewer may not filter by is ignored.
   */
  va: z.string().trim().max(100).optional().catch(undefined),
  ...pageCursorParams,
});

export type MembersFilters = z.output<typeof membersFiltersSchema>;

export const parseMembersFilters = (searchParams: SearchParams): MembersFilters =>
  parseUrlFilters(membersFiltersSchema, searchParams);
