import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { hostileInput } from "../support/hostile-input";
import { allMutations } from "./mutation-walk";
import { API_WRITES, unwalkedStateChanges } from "./state-changes";
import {
  everyAnswerIsSafe,
  expectAtLeast,
  jsonText,
  NOT_STATE_FOR_TOKENS,
  RUNS,
  makeWorldsBeforeAll,
  walk,
} from "./hostile-walk";

/** Every state-changing API handler fed hostile bodies (hostile-walk.ts says what is checked). */

makeWorldsBeforeAll();
afterAll(() => {
  console.info(`hostile inputs (API): ${walk.inputsTried} tried, each a 2xx or a 4xx`);
});

describe("every state-changing API handler refuses hostile input cleanly, with a token of every role", () => {
  it("walks what the read-only walk walks: every mutation and state-changing handler in the code", async () => {
    const mutations = await allMutations();
    expect(await unwalkedStateChanges(mutations.map((mutation) => mutation.name))).toEqual([]);
  });

  it.each(API_WRITES.map((write) => [write.handler, write] as const))(
    "%s",
    async (_name, write) => {
      const cases = fc
        .constantFrom(...walk.worlds)
        .chain((world) => hostileInput(write.validBody(world)).map((body) => ({ world, body })));
      await everyAnswerIsSafe(
        cases,
        RUNS.perApiWrite,
        async ({ world, body }) => {
          // A problem with a 4xx status is the API's refusal; a 5xx is what this file hunts.
          const answer = await write.call(world, {
            rawBody: jsonText(body),
            headers: { "content-type": "application/json" },
          });
          expect(answer.status, JSON.stringify(answer.json)).toBeLessThan(500);
          return answer.status < 300 ? "accepted" : "refused";
        },
        NOT_STATE_FOR_TOKENS,
      );
    },
  );
});

it(...expectAtLeast(RUNS.perApiWrite * API_WRITES.length, "through the API"));
