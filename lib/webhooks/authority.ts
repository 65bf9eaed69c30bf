import type { Reader } from "@/lib/admin/authority";
import { administeredBy } from "@/lib/memberships/active-admin";
import { AppError } from "@/lib/errors";
import { endpointSummarySelect } from "./endpoint-status";

/**
 * An endpoint of an account the user administers (administeredBy), or null (no such endpoint, or
 * not theirs: the same answer either way). Every webhook read and change starts here, whatever
 * page or action calls it.
 */
export function findEndpointOfAdmin(reader: Reader, userId: string, endpointId: string) {
  return reader.webhookEndpoint.findFirst({
    where: { id: endpointId, account: administeredBy(userId) },
    select: {
      ...endpointSummarySelect,
      accountId: true,
      account: { select: { name: true } },
    },
  });
}

/** The same for a change, which is refused with NOT_FOUND when there is none. */
export async function endpointOfAdmin(reader: Reader, userId: string, endpointId: string) {
  const endpoint = await findEndpointOfAdmin(reader, userId, endpointId);
  if (!endpoint) throw new AppError("NOT_FOUND", "No such webhook endpoint");
  return endpoint;
}
