import { isCalendarDate } from "@/lib/calendar-date";
import { textLengthError } from "@/lib/forms/text-length";

/*
 * The rules of memberships, in plain code: the server's use cases apply them, and the browser's
 * forms use them to offer only what the server would accept (without downloading zod). The zod
 * schemas (schema.ts) are built from the same constants.
 */

export const membershipRoles = ["ADMIN", "USER", "VIEWER"] as const;
export type Role = (typeof membershipRoles)[number];

/** Higher holds more: a role may be given, and its holders managed, only by someone ranked at least as high. */
const roleRank: Record<Role, number> = { VIEWER: 1, USER: 2, ADMIN: 3 };

/**
 * Roles whose holders manage the account's people: decide its access requests, change roles,
 * remove members, extend access. Today only ADMIN; an "approver" role would join here, with a rank
 * between USER and ADMIN, and could then give USER and VIEWER but never ADMIN.
 */
const managingRoles: readonly Role[] = ["ADMIN"];

/**
 * Who gives a role: the holder of a role in the account, or the licensing support team acting on
 * the account's behalf (a super administrator deciding an escalated request), who may give any.
 */
export type Granter = Role | "onBehalfOfAccount";

export function managesMembers(role: Role): boolean {
  return managingRoles.includes(role);
}

/** The one rule of "no role above your own": only an administrator gives ADMIN. */
export function mayGrantRole(granter: Granter, role: Role): boolean {
  if (granter === "onBehalfOfAccount") return true;
  return managesMembers(granter) && roleRank[role] <= roleRank[granter];
}

/** The roles a granter may give, in the order forms offer them. */
export function grantableRolesFor(granter: Granter): Role[] {
  return (["USER", "VIEWER", "ADMIN"] as const).filter((role) => mayGrantRole(granter, role));
}

/** Someone who manages members acts only on members not above them (an approver could not remove an administrator). */
export function mayManageMember(manager: Role, memberRole: Role): boolean {
  return managesMembers(manager) && roleRank[memberRole] <= roleRank[manager];
}

/** Whether a change takes an administrator away: the last active one must stay. */
export function removesAnAdministrator(current: Role, next: Role | null): boolean {
  return current === "ADMIN" && next !== "ADMIN";
}

/** The end dates the forms offer, in days from now; or a date; or none (the default). */
export const END_PRESET_DAYS = [30, 90, 365] as const;
/** Furthest end date accepted, in days. */
export const MAX_END_DAYS = 3650;

export const REMOVAL_REASON_LENGTH = { max: 1000 } as const;
export const ACCOUNT_CASE_MESSAGE_LENGTH = { min: 10, max: 2000 } as const;

/** The catalog key (memberships.errors.*) for an end date the server would refuse, or null. `today` is YYYY-MM-DD. */
export function endDateErrorCode(
  endsOn: string,
  today: string,
): "date" | "endInPast" | "endTooFar" | null {
  if (!isCalendarDate(endsOn)) return "date";
  if (endsOn <= today) return "endInPast";
  const days = (Date.parse(`${endsOn}T00:00:00Z`) - Date.parse(`${today}T00:00:00Z`)) / 86_400_000;
  return days > MAX_END_DAYS ? "endTooFar" : null;
}

export function removalReasonErrorCode(reason: string): "reasonTooLong" | null {
  return reason.trim().length > REMOVAL_REASON_LENGTH.max ? "reasonTooLong" : null;
}

export function accountCaseMessageErrorCode(
  message: string,
): "messageTooShort" | "messageTooLong" | null {
  return textLengthError(message, ACCOUNT_CASE_MESSAGE_LENGTH, {
    tooShort: "messageTooShort",
    tooLong: "messageTooLong",
  });
}

/** How forms send an end: none, a preset number of days, or a date (the last is the day it ends on). */
export interface AccessEndInput {
  endsInDays?: number;
  endsOn?: string;
}
