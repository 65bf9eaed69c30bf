import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
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
import { actorOf } from "../factories";

/**
 * Support staff are read-only, proved by walking EVERY mutation of the app (mutation-walk.ts finds
 * them by importing every module under lib/), so a new one is walked as soon as it exists. Each
 * gets an input that passes its own schema, built from the schema itself, so the refusal is the
 * authorization's, not the validation's.
 */

/** The only mutations support staff may run (notes on and closing of support cases): both check the role again themselves. */
const SUPPORT_STAFF_MUTATIONS = new Set(["support.addCaseNote", "support.closeCase"]);

/** Present in the code base today; if the walk does not find these, the enumeration is broken. */
const KNOWN_MUTATIONS = [
  "profile.update",
  "request.submit",
  "request.remind",
  "request.withdraw",
  "request.openSupportCase",
  "membership.changeRole",
  "membership.remove",
  "membership.extend",
  "membership.leave",
  "membership.openSupportCase",
  ...SUPPORT_STAFF_MUTATIONS,
];

let mutations: AnyMutation[];

beforeAll(async () => {
  mutations = await allMutations();
});

describe("support staff are read-only", () => {
  it("the walk finds every mutation (at least those known today)", () => {
    const names = mutations.map((mutation) => mutation.name);
    expect(names).toEqual(expect.arrayContaining(KNOWN_MUTATIONS));
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

describe("every state change reachable from the browser goes through a mutation", () => {
  const appRoot = path.resolve("app");
  const appFiles = (readdirSync(appRoot, { recursive: true }) as string[])
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => path.join(appRoot, file));

  /** Server actions that are not mutations, and why that is safe for support staff. */
  const NON_MUTATION_ACTIONS: Record<string, string> = {
    setLocaleAction: "changes only the caller's own language preference",
  };
  /** Route handlers that accept writes, and why. */
  const WRITE_ROUTES: Record<string, string> = {
    [path.join("api", "auth", "[...nextauth]", "route.ts")]: "next-auth's sign-in and sign-out",
    [path.join("api", "v1", "requests", "[requestId]", "approve", "route.ts")]:
      "API decisions: the UI's decideSingle as the token's creator, support staff refused (api-authorization, api-requests tests)",
    [path.join("api", "v1", "requests", "[requestId]", "deny", "route.ts")]:
      "API decisions: the UI's decideSingle as the token's creator, support staff refused (api-authorization, api-requests tests)",
    [path.join("api", "v1", "accounts", "[accountId]", "members", "[email]", "route.ts")]:
      "API member changes: the memberships mutations as the token's creator, support staff refused (api-members-write tests)",
  };

  it("every exported server action runs a mutation (runAction) or is a listed exception", () => {
    const offenders: string[] = [];
    for (const file of appFiles) {
      const source = readFileSync(file, "utf8");
      if (!/^\s*["']use server["']/.test(source)) continue;
      const exports = [...source.matchAll(/export\s+(?:async\s+)?function\s+(\w+)/g)];
      exports.forEach((match, index) => {
        const body = source.slice(match.index, exports[index + 1]?.index ?? source.length);
        if (!body.includes("runAction(") && !(match[1]! in NON_MUTATION_ACTIONS))
          offenders.push(`${path.relative(appRoot, file)}: ${match[1]}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it("no route handler accepts POST, PUT, PATCH or DELETE but the listed ones", () => {
    const writers = appFiles
      .filter((file) => path.basename(file).startsWith("route."))
      .filter((file) =>
        /export\s+(?:async\s+function|const|\{[^}]*\bas\b)\s*\(?\s*(POST|PUT|PATCH|DELETE)\b|export\s*\{[^}]*\b(POST|PUT|PATCH|DELETE)\b/.test(
          readFileSync(file, "utf8"),
        ),
      )
      .map((file) => path.relative(appRoot, file));
    expect(writers.sort()).toEqual(Object.keys(WRITE_ROUTES).sort());
  });
});
