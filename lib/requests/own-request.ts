import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";

/**
 * Explains why a conditional update of the actor's own request changed nothing: not theirs (or no
 * such request) → NOT_FOUND, the same answer either way; no longer pending → CONFLICT with its status.
 */
export async function explainUnchangedRequest(
  tx: Prisma.TransactionClient,
  requestId: string,
  requesterId: string,
): Promise<AppError> {
  const request = await tx.accessRequest.findFirst({
    where: { id: requestId, requesterId },
    select: { status: true },
  });
  if (!request) return new AppError("NOT_FOUND", "No such request");
  return new AppError("CONFLICT", "The request is no longer pending", { status: request.status });
}
