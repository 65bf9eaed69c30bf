import { defineMutation } from "@/lib/actions/mutation";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { tokenIdSchema } from "./schema";

/**
 * The creator revokes one of their tokens: from the next call on it is refused (every call reads
 * `revokedAt`). Revoking twice, or someone else's token, is NOT_FOUND.
 */
export const revokeApiToken = defineMutation({
  name: "api.revokeToken",
  input: tokenIdSchema,
  async run({ actor, input, tx }) {
    const revokedAt = new Date();
    const { count } = await tx.apiToken.updateMany({
      where: { id: input.tokenId, creatorId: actor.id, revokedAt: null },
      data: { revokedAt },
    });
    if (count === 0) throw new AppError("NOT_FOUND", "No such token");
    await recordAudit(tx, {
      actorId: actor.id,
      action: "apiToken.revoked",
      subjectType: "ApiToken",
      subjectId: input.tokenId,
      after: { revokedAt: revokedAt.toISOString() },
    });
    return { revokedAt };
  },
});
