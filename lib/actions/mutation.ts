import type { z, ZodType } from "zod";
import type { Actor } from "@/lib/auth/actor";
import { db, sqlTransaction, type SqlWriter } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { pathOfUnstorableText } from "@/lib/forms/storable-text";

export interface MutationContext<Input, Tx = Prisma.TransactionClient> {
  actor: Actor;
  input: Input;
  tx: Tx;
}

export interface Mutation<Schema extends ZodType, Output> {
  readonly kind: "mutation";
  readonly name: string;
  /** Refuses text that cannot be stored anywhere in the input, parses it, refuses support staff, then runs the use case in one transaction. */
  execute(actor: Actor, rawInput: unknown): Promise<Output>;
  /**
   * The same checks and use case inside the caller's transaction (at its isolation level): for a
   * door that writes more in it (the API records the token's use beside the change, or makes two
   * changes at once).
   */
  executeIn(tx: Prisma.TransactionClient, actor: Actor, rawInput: unknown): Promise<Output>;
  readonly input: Schema;
}

interface Definition<Schema extends ZodType, Output, Tx> {
  /** Stable name, used in logs and in the read-only test. */
  name: string;
  input: Schema;
  /**
   * Support staff are read-only by construction: a mutation refuses them unless it says otherwise
   * here (closing a support case, a note; a super administrator acting on an escalated request).
   */
  allowSupportStaff?: boolean;
  /** Authorizes against the database and changes state; audit events and outbox emails use `tx`. */
  run(context: MutationContext<z.output<Schema>, Tx>): Promise<Output>;
}

interface PrismaDefinition<Schema extends ZodType, Output> extends Definition<
  Schema,
  Output,
  Prisma.TransactionClient
> {
  /** Transaction isolation, when the default (read committed) is not enough. */
  isolationLevel?: Prisma.TransactionIsolationLevel;
}

export function validationError(error: z.ZodError): AppError {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.join(".") || "_form";
    fieldErrors[field] ??= issue.message;
  }
  return new AppError("VALIDATION", "Invalid input", { fieldErrors });
}

function mutation<Schema extends ZodType, Output, Tx>(
  definition: Definition<Schema, Output, Tx>,
  transaction: (work: (tx: Tx) => Promise<Output>) => Promise<Output>,
  /** The caller's Prisma transaction as this mutation's `tx` (executeIn). */
  inCallers: (tx: Prisma.TransactionClient) => Tx,
): Mutation<Schema, Output> {
  function admit(actor: Actor, rawInput: unknown): z.output<Schema> {
    const unstorable = pathOfUnstorableText(rawInput);
    if (unstorable !== null)
      throw new AppError("VALIDATION", "Invalid input", {
        fieldErrors: { [unstorable]: "invalidCharacters" },
      });
    const parsed = definition.input.safeParse(rawInput);
    if (!parsed.success) throw validationError(parsed.error);
    if (actor.platformRole === "SUPPORT" && !definition.allowSupportStaff) {
      throw new AppError("FORBIDDEN", "Support staff have read-only access");
    }
    return parsed.data;
  }
  return {
    kind: "mutation",
    name: definition.name,
    input: definition.input,
    async execute(actor, rawInput) {
      const input = admit(actor, rawInput);
      return transaction((tx) => definition.run({ actor, input, tx }));
    },
    async executeIn(tx, actor, rawInput) {
      return definition.run({ actor, input: admit(actor, rawInput), tx: inCallers(tx) });
    },
  };
}

/**
 * Every state change of the portal is a Mutation: input parsed with the feature's zod schema, the
 * actor read from the database, support staff refused, and the use case (authorization, change,
 * audit event, outbox emails) run in one transaction.
 */
export function defineMutation<Schema extends ZodType, Output>(
  definition: PrismaDefinition<Schema, Output>,
): Mutation<Schema, Output> {
  return mutation(
    definition,
    (work) =>
      db.$transaction(work, {
        isolationLevel: definition.isolationLevel,
        // Under a burst (many people deciding or submitting at once) transactions queue for a pool
        // connection; wait for one rather than fail after Prisma's default 2 s.
        maxWait: 10_000,
        timeout: 15_000,
      }),
    (tx) => tx,
  );
}

/**
 * A Mutation whose use case is written in raw statements only (SqlWriter), run in a plain pg
 * transaction (sqlTransaction, read committed) rather than Prisma's: the same checks, the same
 * one transaction, a quarter less of the server's CPU for a use case of a few statements. For the
 * submit, which every requester runs (docs/benchmarks-history.md); the rest keep Prisma's query API.
 */
export function defineSqlMutation<Schema extends ZodType, Output>(
  definition: Definition<Schema, Output, SqlWriter>,
): Mutation<Schema, Output> {
  return mutation(definition, sqlTransaction, (tx) => tx);
}

export function isMutation(value: unknown): value is Mutation<ZodType, unknown> {
  return (
    typeof value === "object" && value !== null && (value as { kind?: unknown }).kind === "mutation"
  );
}
