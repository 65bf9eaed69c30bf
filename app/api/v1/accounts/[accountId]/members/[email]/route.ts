import { accessCheck } from "@/lib/api/access-check";

/**
 * GET /api/v1/accounts/{accountId}/members/{email}: the access check (role, since, until, or 404).
 * Changing a member's role, ending or removing their access will be PATCH and DELETE here.
 */
export const GET = accessCheck;
