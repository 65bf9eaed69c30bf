import fc from "fast-check";
import { beforeAll, expect } from "vitest";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { actorOf } from "../factories";
import { createWorld, databaseDigest, type World } from "./mutation-walk";

/**
 * The hostile-input walk (hostile-inputs-*.test.ts): every way in that takes input — each mutation
 * (every server action runs one), each state-changing API handler (state-changes.ts checks that
 * both lists are the code's), the account lookup, the support search and its CSV export, the
 * sign-in form — fed generated hostile input as users of each platform role: the answer is a
 * result or an AppError (the 4xx and form messages the pages show), never anything else, and when
 * it is a refusal no table has changed. Rate-limit counters are not "a table changed": spending a
 * point is what a limit does. Three files, so that the parallel integration run shares them out.
 */

/**
 * Inputs for all the mutations together (shared out, at least 200 each), and per other way in;
 * at least 10,000 in all (each file checks its part).
 */
export const RUNS = {
  mutations: 7500,
  perMutationAtLeast: 200,
  lookup: 1000,
  search: 700,
  export: 300,
  signIn: 800,
  perApiWrite: 200,
};
export const NOT_STATE = ["RateLimit"];
/** A token's use is recorded (at most once a minute) before its call is judged. */
export const NOT_STATE_FOR_TOKENS = [...NOT_STATE, "ApiToken"];

export const walk = { inputsTried: 0, worlds: [] as World[] };

/** The worlds of the walk, one per platform role, made before the file's tests run. */
export function makeWorldsBeforeAll() {
  beforeAll(async () => {
    // Requester and administrator (no platform role), support staff, super administrator.
    walk.worlds = [
      await createWorld("NONE"),
      await createWorld("SUPPORT"),
      await createWorld("SUPERADMIN"),
    ];
  });
}

/** What a call gave: a result, a refusal (AppError), or something else — the bug this file hunts. */
export async function answerOf(call: () => Promise<unknown>): Promise<"accepted" | "refused"> {
  try {
    await call();
    return "accepted";
  } catch (error) {
    if (error instanceof AppError) return "refused";
    throw error;
  }
}

/**
 * Runs `call` for every generated value and checks its answer; the state is compared after each
 * refusal with the state after the last acceptance. Limits are reset so every input meets the rules.
 */
export async function everyAnswerIsSafe<T>(
  arbitrary: fc.Arbitrary<T>,
  runs: number,
  call: (value: T) => Promise<"accepted" | "refused">,
  notState = NOT_STATE,
) {
  let state = await databaseDigest(notState);
  const property = fc.asyncProperty(arbitrary, async (value) => {
    walk.inputsTried += 1;
    await db.$executeRaw`DELETE FROM "RateLimit"`;
    const answer = await call(value);
    const after = await databaseDigest(notState);
    if (answer === "refused") expect(after).toEqual(state);
    state = after;
  });
  const run = await fc.check(property, { numRuns: runs, endOnFailure: true });
  // fast-check's own report would print a megabyte-long counterexample whole.
  if (run.failed) {
    const example = fc.stringify(run.counterexample).slice(0, 1500);
    throw new Error(`failed after ${run.numRuns} inputs (seed ${run.seed}) for ${example}`, {
      cause: run.errorInstance,
    });
  }
}

/**
 * A hostile value as the JSON text a client sends: a bigint as its digits (a number too large for
 * a double); what JSON has no form for dropped, as JSON.stringify does (no body at all for none).
 */
export function jsonText(value: unknown): string | undefined {
  const marker = "\u0000bigint:";
  return JSON.stringify(value, (_key, item: unknown) =>
    typeof item === "bigint" ? `${marker}${item}` : item,
  )?.replace(/"\\u0000bigint:(-?\d+)"/g, "$1");
}

export const actorArbitrary = () =>
  fc.constantFrom(...walk.worlds.map((world) => actorOf(world.support)));

/** The file's part of the 10,000: checked last. */
export function expectAtLeast(minimum: number, what: string) {
  return [
    `tried at least ${minimum} hostile inputs ${what}`,
    () => expect(walk.inputsTried).toBeGreaterThanOrEqual(minimum),
  ] as const;
}
