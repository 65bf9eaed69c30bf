import type { Reader } from "@/lib/admin/authority";
import { administeredBy } from "@/lib/memberships/active-admin";
import { AppError } from "@/lib/errors";
import { endpointSummarySelect } from "./endpoint-status";

/**
 * An endpoint of an account the user administers (administeredBy),
 * or NOT_FOUND: every webhook read and change starts here, whatever page or action calls it.
 */
export async function endpointOfAdmin(reader: Reader, userId: string, endpointId: string) {
  const endpoint = await reader.webhookEndpoint.findFirst({
    where: { id: endpointId, account: administeredBy(userId) },
    select: {
      ...endpointSummarySelect,
      accountId: true,
      account: { select: { name: true } },
    },
  });
  if (!endpoint) throw new AppError("NOT_FOUND", "No such webhook endpoint");
  return endpoint;
}
