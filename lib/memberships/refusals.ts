import { AppError } from "@/lib/errors";

/**
 * Why a membership change was refused, as a stable code: the forms' catalog key
 * (memberships.errors.<code>) and what an API answer names.
 */
export type MembershipRefusal =
  /** It would leave the account without an active administrator. */
  | "lastAdmin"
  /** The role asked for is above the actor's own. */
  | "roleAboveOwn"
  /** The member's role is above the actor's own. */
  | "memberAboveOwn"
  /** The membership has ended (removed, left, or past its end date). */
  | "ended"
  /** Extending asks for an end that is not later than the current one. */
  | "notLater"
  /** Extending a membership that has no end date. */
  | "noEndDate"
  /** A scope names a virtual account that is not the account's (deleted meanwhile, or another's). */
  | "virtualAccountUnknown"
  /** A grant outside the actor's branch of virtual accounts (a Virtual Account Administrator's). */
  | "outsideBranch"
  /** A Smart Account role asked of a membership of selected virtual accounts: change its scope instead. */
  | "virtualAccountsScope";

const forbidden: ReadonlySet<MembershipRefusal> = new Set([
  "roleAboveOwn",
  "memberAboveOwn",
  "outsideBranch",
]);

/** The AppError of a refusal: FORBIDDEN for a role above the actor's, CONFLICT for the state of things. */
export function membershipRefused(
  reason: MembershipRefusal,
  details: Record<string, unknown> = {},
): AppError {
  return new AppError(
    forbidden.has(reason) ? "FORBIDDEN" : "CONFLICT",
    `Membership change refused: ${reason}`,
    {
      ...details,
      reason,
      fieldErrors: { _form: reason },
    },
  );
}

/** Not a membership the actor may act on, or none at all: the same answer either way. */
export const membershipNotFound = () => new AppError("NOT_FOUND", "No such membership");
