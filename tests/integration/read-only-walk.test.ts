import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import {
  allMutations,
  createWorld,
  databaseDigest,
  outcome,
  validInput,
  type AnyMutation,
} from "./mutation-walk";
import { API_WRITES, serverActions, unwalkedStateChanges } from "./state-changes";
import { actorOf } from "../factories";

/**
 * Support staff are read-only, proved by walking EVERY mutation of the app (mutation-walk.ts finds
 * them by importing every module under lib/) and every state-changing API handler, both checked
 * against what the code has (state-changes.ts reads every server action and route handler), so a
 * new one fails here until it is walked. Each gets an input that passes its own schema, built from
 * the schema itself, so the refusal is the authorization's, not the validation's.
 */

/** The only mutations support staff may run (notes on and closing of support cases): both check the role again themselves. */
const SUPPORT_STAFF_MUTATIONS = new Set(["support.addCaseNote", "support.closeCase"]);

let mutations: AnyMutation[];

beforeAll(async () => {
  mutations = await allMutations();
});

describe("support staff are read-only", () => {
  it("the walks reach every state change in the code: each server action's mutation, each state-changing API handler", async () => {
    expect((await serverActions()).length).toBeGreaterThan(0);
    expect(await unwalkedStateChanges(mutations.map((mutation) => mutation.name))).toEqual([]);
  });

  it("SUPPORT is refused by every mutation but the support ones, with valid input, and nothing changes", async () => {
    const world = await createWorld();
    const actor: Actor = actorOf(world.support);
    const walked = mutations.filter((mutation) => !SUPPORT_STAFF_MUTATIONS.has(mutation.name));
    const inputs = walked.map((mutation) => [mutation, validInput(mutation, world)] as const);
    const before = await databaseDigest();
    const results: Record<string, string> = {};
    for (const [mutation, input] of inputs)
      results[mutation.name] = await outcome(mutation.execute(actor, input));
    // FORBIDDEN, or NOT_FOUND where a use case hides what exists; never accepted, never VALIDATION.
    const refused = Object.fromEntries(
      walked.map((mutation) => [mutation.name, expect.stringMatching(/^(FORBIDDEN|NOT_FOUND)$/)]),
    );
    expect(results).toEqual(refused);
    expect(await databaseDigest()).toEqual(before);
  });

  it("control: the same inputs are accepted from the same user without the SUPPORT role, so the refusals above are the role's", async () => {
    const results: Record<string, string> = {};
    for (const mutation of mutations.filter(
      (candidate) => !SUPPORT_STAFF_MUTATIONS.has(candidate.name),
    )) {
      const world = await createWorld();
      const input = validInput(mutation, world);
      await db.user.update({ where: { id: world.support.id }, data: { platformRole: "NONE" } });
      results[mutation.name] = await outcome(
        mutation.execute({ ...actorOf(world.support), platformRole: "NONE" }, input),
      );
    }
    expect(results).toEqual(
      Object.fromEntries(Object.keys(results).map((name) => [name, "accepted"])),
    );
  });

  it("SUPPORT may run the support mutations, and each is audited", async () => {
    const world = await createWorld();
    const actor = actorOf(world.support);
    for (const mutation of mutations.filter((candidate) =>
      SUPPORT_STAFF_MUTATIONS.has(candidate.name),
    )) {
      const audits = await db.auditEvent.count({ where: { actorId: world.support.id } });
      await mutation.execute(actor, validInput(mutation, world));
      expect(
        await db.auditEvent.count({ where: { actorId: world.support.id } }),
        mutation.name,
      ).toBe(audits + 1);
    }
  });
});

describe("support staff are read-only through the API too", () => {
  /** Spending a rate-limit point is what a limit does before any handler runs, not a change. */
  const NOT_STATE = ["RateLimit"];

  it("a token of support staff (made before they became support staff; they cannot make one now) is refused by every state-changing handler, and nothing changes", async () => {
    const world = await createWorld();
    // Using a token records it, at most once a minute: recorded now, so that the walk writes nothing.
    await db.apiToken.update({ where: { id: world.tokenId }, data: { lastUsedAt: new Date() } });
    const before = await databaseDigest(NOT_STATE);
    const results: Record<string, string> = {};
    for (const write of API_WRITES) {
      const answer = await write.call(world, { body: write.validBody(world) });
      results[write.handler] = `${answer.status} ${String(answer.json.code)}`;
    }
    expect(results).toEqual(
      Object.fromEntries(
        API_WRITES.map((write) => [
          write.handler,
          expect.stringMatching(/^(403 FORBIDDEN|404 NOT_FOUND)$/),
        ]),
      ),
    );
    expect(await databaseDigest(NOT_STATE)).toEqual(before);
  });

  it("control: the same calls with the same token are accepted once its creator is not support staff", async () => {
    const results: Record<string, number> = {};
    for (const write of API_WRITES) {
      const world = await createWorld();
      await db.user.update({ where: { id: world.support.id }, data: { platformRole: "NONE" } });
      results[write.handler] = (await write.call(world, { body: write.validBody(world) })).status;
    }
    expect(results).toEqual(
      Object.fromEntries(API_WRITES.map((write) => [write.handler, write.accepted ?? 200])),
    );
  });
});
