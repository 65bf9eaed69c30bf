import { defineMutation } from "@/lib/actions/mutation";
import { administeredAccounts } from "@/lib/admin/authority";
import { recordAudit } from "@/lib/audit/record";
import { AppError } from "@/lib/errors";
import { addDays } from "@/lib/time";
import { createTokenSchema } from "./schema";
import { newTokenSecret } from "./token-secret";

export interface CreatedToken {
  id: string;
  name: string;
  /** The token itself: returned this once, never stored. */
  token: string;
  expiresAt: Date;
}

/**
 * An account administrator (or a super administrator) creates a token acting as themselves, with
 * chosen scopes and lifetime, optionally limited to some of the accounts they administer. What it
 * reaches is decided again at every call (lib/api/token-auth.ts): never more than its creator
 * administers at that moment.
 */
export const createApiToken = defineMutation({
  name: "api.createToken",
  input: createTokenSchema,
  async run({ actor, input, tx }): Promise<CreatedToken> {
    const administered = new Set(
      (await administeredAccounts(tx, actor.id)).map((account) => account.id),
    );
    if (administered.size === 0 && actor.platformRole !== "SUPERADMIN")
      throw new AppError("FORBIDDEN", "Only administrators create API tokens");
    const foreign = input.accountIds.filter((accountId) => !administered.has(accountId));
    if (foreign.length)
      throw new AppError("VALIDATION", "Not an account you administer", {
        fieldErrors: { accountIds: "accountNotAdministered" },
      });

    const secret = newTokenSecret();
    const expiresAt = addDays(new Date(), input.lifetimeDays);
    const created = await tx.apiToken.create({
      data: {
        name: input.name,
        tokenHash: secret.hash,
        prefix: secret.prefix,
        scopes: input.scopes,
        accountIds: input.accountIds,
        creatorId: actor.id,
        expiresAt,
      },
      select: { id: true },
    });
    await recordAudit(tx, {
      actorId: actor.id,
      action: "apiToken.created",
      subjectType: "ApiToken",
      subjectId: created.id,
      after: {
        name: input.name,
        prefix: secret.prefix,
        scopes: input.scopes,
        accountIds: input.accountIds,
        expiresAt: expiresAt.toISOString(),
      },
    });
    return { id: created.id, name: input.name, token: secret.token, expiresAt };
  },
});
