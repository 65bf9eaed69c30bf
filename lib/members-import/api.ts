import "zod-openapi";
import { z } from "zod";
import { grantableRoles } from "@/lib/admin/rules";
import { validationError } from "@/lib/actions/mutation";
import { accountParams } from "@/lib/api/contract";
import { withinTokenAccounts, type ApiCaller } from "@/lib/api/token-auth";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { uuidv7 } from "@/lib/uuidv7";
import { commitImport, type ImportResult } from "./commit";
import { importPersonSchema } from "./schema";

/*
 * POST /api/v1/accounts/{accountId}/members (issue 28): one person or up to 100, with the same
 * outcomes per line as the dialog's preview, applied by the dialog's own Mutation (commitImport)
 * as the token's creator, in one transaction with the record of the token's use. Its wire shapes
 * live here, beside the use case, and lib/api/openapi.ts publishes them.
 */

/** People per call (the dialog takes up to 1,000, in batches). */
export const API_IMPORT_MAX = 100;

export const addMembersBody = z
  .object({
    people: z
      .array(
        importPersonSchema
          .extend({
            email: importPersonSchema.shape.email.meta({
              description:
                "The person's email address; one that is not an address is refused on its line (`notAnEmail`).",
            }),
            role: importPersonSchema.shape.role.meta({
              description:
                "ADMIN, USER or VIEWER (any case): the Smart Account role, or the role on each virtual account given. Another value is refused on its line (`unknownRole`).",
            }),
            virtualAccounts: importPersonSchema.shape.virtualAccounts.meta({
              description:
                "Virtual accounts, each by id, by path of names (`EMEA/France`) or by a name found once in the tree. None: the entire Smart Account.",
            }),
            includeSubAccounts: importPersonSchema.shape.includeSubAccounts.meta({
              description: "The role holds on the virtual accounts below each one too.",
            }),
            accessEnds: importPersonSchema.shape.accessEnds.meta({
              description:
                "Time-bound access: ends at the start of this day (UTC), written YYYY-MM-DD. None: no end.",
            }),
          })
          .meta({ id: "PersonToAdd" }),
      )
      .min(1)
      .max(API_IMPORT_MAX),
  })
  .meta({ id: "AddMembers" });

const accessOut = z
  .discriminatedUnion("scope", [
    z.object({ scope: z.literal("ACCOUNT"), role: z.enum(grantableRoles) }),
    z.object({
      scope: z.literal("VIRTUAL_ACCOUNTS"),
      grants: z.array(
        z.object({
          virtualAccountId: z.string(),
          path: z.array(z.string()).meta({ description: "Names from the root down." }),
          role: z.enum(grantableRoles),
          includeSubAccounts: z.boolean(),
        }),
      ),
    }),
  ])
  .meta({ id: "MemberAccess" });

const outcome = z.enum(["added", "changed", "unchanged", "refused"]);

export const addMembersResult = z
  .object({
    importId: z.string(),
    replayed: z.boolean().meta({
      description: "True when this Idempotency-Key was already applied: nothing was done again.",
    }),
    counts: z.object({
      added: z.int(),
      changed: z.int(),
      unchanged: z.int(),
      refused: z.int(),
    }),
    lines: z.array(
      z.object({
        line: z.int().meta({ description: "The person's position in `people`, from 1." }),
        email: z.string().meta({ description: "The address as sent." }),
        outcome,
        reason: z.string().nullable().meta({
          description:
            "Why it was refused: notAnEmail, unknownRole, unknownVirtualAccount, ambiguousVirtualAccount, tooManyVirtualAccounts, dateInvalid, endInPast, endTooFar, disabled, self, outsideBranch, lastAdmin.",
        }),
        access: accessOut.nullable(),
        previousAccess: accessOut.nullable(),
        endsAt: z.iso.datetime().nullable(),
        pendingRequestApproved: z.boolean(),
        invited: z.boolean().meta({
          description: "The person had never signed in: they were emailed an invitation.",
        }),
      }),
    ),
    duplicates: z.array(z.object({ email: z.string(), line: z.int(), firstLine: z.int() })).meta({
      description: "Addresses sent more than once: counted once, at their first line.",
    }),
  })
  .meta({ id: "AddMembersResult" });

/** The Idempotency-Key header: visible ASCII, 1 to 255 characters. */
export const idempotencyKeyHeader = z
  .string()
  .regex(/^[\x21-\x7e]+$/)
  .max(255)
  .meta({
    description:
      "Makes a retry safe: the same key with the same body answers what the first call did (`replayed`: true) and adds nobody twice; with another body, 409. Kept per token creator and account.",
  });

/** The answer of an import, as the document describes it. */
export function addMembersAnswer(result: ImportResult): z.input<typeof addMembersResult> {
  return {
    importId: result.importId,
    replayed: result.replayed,
    counts: result.counts,
    lines: result.lines.map(({ line, address, outcome, reason, detail }) => ({
      line,
      email: address,
      outcome,
      reason,
      access: detail.access,
      previousAccess: detail.previous,
      endsAt: detail.endsAt,
      pendingRequestApproved: detail.pendingRequestId !== null,
      invited: detail.invitation && (outcome === "added" || outcome === "changed"),
    })),
    duplicates: result.duplicates,
  };
}

/** Adds the body's people to the account as the token's creator; NOT_FOUND beyond the token's accounts. */
export async function addMembersForCaller(
  caller: ApiCaller,
  params: Record<string, string>,
  body: Record<string, unknown>,
  idempotencyKey: string | null,
): Promise<ImportResult> {
  const path = accountParams.safeParse(params);
  if (!path.success) throw validationError(path.error);
  const key = idempotencyKeyHeader.safeParse(idempotencyKey ?? uuidv7());
  if (!key.success)
    throw new AppError("VALIDATION", "Invalid Idempotency-Key", {
      fieldErrors: { "Idempotency-Key": "invalid" },
    });
  const { accountId } = path.data;
  if (!withinTokenAccounts(caller, accountId)) throw new AppError("NOT_FOUND", "No such account");
  return db.$transaction(
    async (tx) => {
      const result = await commitImport.executeIn(tx, caller.creator, {
        accountId,
        key: `api:${key.data}`,
        source: { format: "people", people: body.people },
      });
      await recordAudit(tx, {
        actorId: caller.creator.id,
        action: "apiToken.used",
        subjectType: "ApiToken",
        subjectId: caller.tokenId,
        after: { accountId, change: "membersAdded", importId: result.importId },
      });
      return result;
    },
    { maxWait: 10_000, timeout: 30_000 },
  );
}
