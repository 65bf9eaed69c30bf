import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lookupAccounts } from "@/lib/accounts/lookup-accounts";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { pageDirection } from "@/lib/pagination/keyset";
import { EXPORT_COLUMNS, exportRequestsCsv } from "@/lib/support/export-requests";
import { parseRequestSearch } from "@/lib/support/search-params";
import { searchRequests } from "@/lib/support/search-requests";
import { hostileInput, hostileQuery } from "../support/hostile-input";
import { postSignInForm } from "../support/next-auth-client";
import {
  allMutations,
  createWorld,
  databaseDigest,
  validInput,
  type AnyMutation,
  type World,
} from "./mutation-walk";
import { actorOf } from "./support-fixtures";

/**
 * Every way in that takes input — each mutation (every server action runs one), the account
 * lookup, the support search and its CSV export, the sign-in form — fed generated hostile input
 * as users of each platform role: the answer is a result or an AppError (the 4xx and form
 * messages the pages show), never anything else, and when it is a refusal no table has changed.
 * Rate-limit counters are not "a table changed": spending a point is what a limit does.
 */

/**
 * Inputs for all the mutations together (shared out, at least 200 each), and per other way in;
 * at least 10,000 in all (the last test checks).
 */
const RUNS = {
  mutations: 7500,
  perMutationAtLeast: 200,
  lookup: 1000,
  search: 700,
  export: 300,
  signIn: 800,
};
const MINIMUM_TOTAL = 10_000;
const NOT_STATE = ["RateLimit"];

let inputsTried = 0;
let worlds: World[];
// Found before the tests are declared: one test each.
const mutations: AnyMutation[] = await allMutations();
const runsPerMutation = Math.max(
  RUNS.perMutationAtLeast,
  Math.ceil(RUNS.mutations / mutations.length),
);

beforeAll(async () => {
  // Requester and administrator (no platform role), support staff, super administrator.
  worlds = [
    await createWorld("NONE"),
    await createWorld("SUPPORT"),
    await createWorld("SUPERADMIN"),
  ];
});

afterAll(() => {
  console.info(
    `hostile inputs: ${inputsTried} tried, none answered with anything but a result or a refusal`,
  );
});

/** What a call gave: a result, a refusal (AppError), or something else — the bug this file hunts. */
async function answerOf(call: () => Promise<unknown>): Promise<"accepted" | "refused"> {
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
async function everyAnswerIsSafe<T>(
  arbitrary: fc.Arbitrary<T>,
  runs: number,
  call: (value: T) => Promise<"accepted" | "refused">,
) {
  let state = await databaseDigest(NOT_STATE);
  const property = fc.asyncProperty(arbitrary, async (value) => {
    inputsTried += 1;
    await db.$executeRaw`DELETE FROM "RateLimit"`;
    const answer = await call(value);
    const after = await databaseDigest(NOT_STATE);
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

const actorArbitrary = () => fc.constantFrom(...worlds.map((world) => actorOf(world.support)));

describe("every mutation refuses hostile input cleanly, as every role", () => {
  it("finds the mutations to walk", () => {
    expect(mutations.length).toBeGreaterThanOrEqual(10);
  });

  it.each(mutations.map((mutation) => [mutation.name, mutation] as const))(
    "%s",
    async (_name, mutation) => {
      const cases = fc.constantFrom(...worlds).chain((world) =>
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

describe("the reads that take input refuse hostile input cleanly", () => {
  it("the account lookup", async () => {
    const cases = fc.record({
      actor: actorArbitrary(),
      input: hostileInput({ identifier: worlds[0]!.joinable.domains[0]!.domain }),
    });
    await everyAnswerIsSafe(cases, RUNS.lookup, ({ actor, input }) =>
      answerOf(() => lookupAccounts(actor, input)),
    );
  });

  const searchQuery = () =>
    hostileQuery({
      email: worlds[0]!.support.email.slice(0, 6),
      emailMatch: "exact",
      requestId: worlds[0]!.ownRequest.id,
      domain: worlds[0]!.joinable.domains[0]!.domain,
      account: "Account",
      status: "PENDING",
      escalated: "yes",
      from: "2026-01-01",
      to: "2026-12-31",
      after: "AZrL2x9w",
      before: "AZrL2x9w",
    });

  /** As the page does: the query parsed, then the search run for a valid one (refused unless support staff). */
  async function search(actor: Actor, params: Record<string, string | string[] | undefined>) {
    const parsed = parseRequestSearch(params);
    if (!parsed.ok) return "refused" as const;
    return answerOf(() => searchRequests(actor, parsed.filters, pageDirection(params)));
  }

  it("the support search", async () => {
    await everyAnswerIsSafe(
      fc.record({ actor: actorArbitrary(), params: searchQuery() }),
      RUNS.search,
      ({ actor, params }) => search(actor, params),
    );
  });

  it("the support CSV export, read to its end", async () => {
    const header = Object.fromEntries(EXPORT_COLUMNS.map((column) => [column, column])) as Record<
      (typeof EXPORT_COLUMNS)[number],
      string
    >;
    await everyAnswerIsSafe(
      fc.record({ actor: actorArbitrary(), params: searchQuery() }),
      RUNS.export,
      async ({ actor, params }) => {
        const parsed = parseRequestSearch(params);
        if (!parsed.ok) return "refused";
        return answerOf(async () => {
          const stream = await exportRequestsCsv(actor, parsed.filters, header);
          await new Response(stream).text();
        });
      },
    );
  });

  it("the sign-in form (next-auth with the portal's configuration): never a 5xx", async () => {
    const form = hostileInput({ email: "someone@example.com", callbackUrl: "/requests" });
    await everyAnswerIsSafe(
      fc.record({ form, client: fc.ipV4() }),
      RUNS.signIn,
      async ({ form: fields, client }) => {
        const body =
          typeof fields === "object" && fields !== null && !Array.isArray(fields)
            ? (fields as Record<string, unknown>)
            : { email: fields };
        const answer = await postSignInForm(body, client);
        expect(answer.status).toBeLessThan(500);
        return answer.retryAfterSeconds !== undefined ||
          !answer.redirect ||
          new URL(answer.redirect, "http://localhost").searchParams.has("error")
          ? "refused"
          : "accepted";
      },
    );
  });
});

it(`tried at least ${MINIMUM_TOTAL} hostile inputs in all`, () => {
  expect(inputsTried).toBeGreaterThanOrEqual(MINIMUM_TOTAL);
});
