import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { lookupAccounts } from "@/lib/accounts/lookup-accounts";
import type { Actor } from "@/lib/auth/actor";
import { pageDirection } from "@/lib/pagination/keyset";
import { EXPORT_COLUMNS, exportRequestsCsv } from "@/lib/support/export-requests";
import { parseRequestSearch } from "@/lib/support/search-params";
import { searchRequests } from "@/lib/support/search-requests";
import { hostileInput, hostileQuery } from "../support/hostile-input";
import { postSignInForm } from "../support/next-auth-client";
import {
  actorArbitrary,
  answerOf,
  everyAnswerIsSafe,
  expectAtLeast,
  RUNS,
  makeWorldsBeforeAll,
  walk,
} from "./hostile-walk";

/** The reads that take input, and the sign-in form, fed hostile input (hostile-walk.ts says what is checked). */

makeWorldsBeforeAll();
afterAll(() => {
  console.info(
    `hostile inputs (reads, sign-in): ${walk.inputsTried} tried, each a result or a refusal`,
  );
});

describe("the reads that take input refuse hostile input cleanly", () => {
  it("the account lookup", async () => {
    const cases = fc.record({
      actor: actorArbitrary(),
      input: hostileInput({ identifier: walk.worlds[0]!.joinable.domains[0]!.domain }),
    });
    await everyAnswerIsSafe(cases, RUNS.lookup, ({ actor, input }) =>
      answerOf(() => lookupAccounts(actor, input)),
    );
  });

  const searchQuery = () =>
    hostileQuery({
      email: walk.worlds[0]!.support.email.slice(0, 6),
      emailMatch: "exact",
      requestId: walk.worlds[0]!.ownRequest.id,
      domain: walk.worlds[0]!.joinable.domains[0]!.domain,
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

it(
  ...expectAtLeast(
    RUNS.lookup + RUNS.search + RUNS.export + RUNS.signIn,
    "through the reads and sign-in",
  ),
);
