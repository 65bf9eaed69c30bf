/*
 * What an administrator's forms check before sending, in plain code so that the browser does not
 * download zod; the zod schemas (schema.ts) are built from the same constants and stay the
 * authority on the server.
 */

import { mayGrantRole, type Granter } from "@/lib/memberships/rules";
import { rolesOf, type Access } from "@/lib/virtual-accounts/scope";

/** Requests decided at once from the queue. */
export const BULK_LIMIT = 100;
export const grantableRoles = ["USER", "VIEWER", "ADMIN"] as const;
export const DENIAL_REASON_LENGTH = { max: 1000 } as const;

/** The catalog key (admin.errors.*) for a denial reason the server would refuse, or null. */
export function denialReasonErrorCode(reason: string): "reasonTooLong" | null {
  return reason.trim().length > DENIAL_REASON_LENGTH.max ? "reasonTooLong" : null;
}

/** "No role above your own", for every role an approval gives (the account's, or each virtual account's). */
export function mayGrantAccess(granter: Granter, access: Access): boolean {
  return rolesOf(access).every((role) => mayGrantRole(granter, role));
}
