import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { actorOf } from "../factories";
import { hostileInput } from "../support/hostile-input";
import { allMutations, validInput, type AnyMutation } from "./mutation-walk";
import {
  everyAnswerIsSafe,
  answerOf,
  expectAtLeast,
  RUNS,
  makeWorldsBeforeAll,
  walk,
} from "./hostile-walk";

/** Every mutation fed hostile input as every platform role (hostile-walk.ts says what is checked). */

// Found before the tests are declared: one test each.
const mutations: AnyMutation[] = await allMutations();
const runsPerMutation = Math.max(
  RUNS.perMutationAtLeast,
  Math.ceil(RUNS.mutations / mutations.length),
);

makeWorldsBeforeAll();
afterAll(() => {
  console.info(`hostile inputs (mutations): ${walk.inputsTried} tried, each a result or a refusal`);
});

describe("every mutation refuses hostile input cleanly, as every role", () => {
  it("finds the mutations to walk", () => {
    expect(mutations.length).toBeGreaterThanOrEqual(10);
  });

  it.each(mutations.map((mutation) => [mutation.name, mutation] as const))(
    "%s",
    async (_name, mutation) => {
      const cases = fc.constantFrom(...walk.worlds).chain((world) =>
        hostileInput(validInput(mutation, world) as Record<string, unknown>).map((input) => ({
          actor: actorOf(world.support),
          input,
        })),
      );
      await everyAnswerIsSafe(cases, runsPerMutation, ({ actor, input }) =>
        answerOf(() => mutation.execute(actor, input)),
      );
    },
  );
});

it(...expectAtLeast(RUNS.mutations, "through the mutations"));
