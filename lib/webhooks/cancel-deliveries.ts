import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Ends an endpoint's waiting deliveries as CANCELLED (the delivery log shows them so), claimed or
 * not: a worker posting one at this moment records its attempt, but no longer changes its status
 * (it records only QUEUED rows under its claim). Returns how many were cancelled.
 */
export async function cancelQueuedDeliveries(
  tx: Prisma.TransactionClient,
  endpointId: string,
): Promise<number> {
  const { count } = await tx.webhookDelivery.updateMany({
    where: { endpointId, status: "QUEUED" },
    data: { status: "CANCELLED", claimToken: null },
  });
  return count;
}
