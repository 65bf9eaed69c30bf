import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { z, type ZodType } from "zod";
import { isMutation, type Mutation } from "@/lib/actions/mutation";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { openSupportCase } from "@/lib/requests/open-support-case";
import { actorOf, createAccount, createRequest, createUser, unique } from "./support-fixtures";

/**
 * Support staff are read-only, proved by walking EVERY mutation of the app. Mutations are found by
 * importing every module under lib/ (not a hand-kept list), so a new one is walked as soon as it
 * exists. Each gets an input that passes its own schema, built from the schema itself, so the
 * refusal is the authorization's, not the validation's.
 */

type AnyMutation = Mutation<ZodType, unknown>;

/** The only mutations support staff may run (notes on and closing of support cases): both check the role again themselves. */
const SUPPORT_STAFF_MUTATIONS = new Set(["support.addCaseNote", "support.closeCase"]);

/** Present in the code base today; if the walk does not find these, the enumeration is broken. */
const KNOWN_MUTATIONS = [
  "profile.update", "request.submit", "request.remind", "request.withdraw", "request.openSupportCase",
  "membership.changeRole", "membership.remove", "membership.extend", "membership.leave", "membership.openSupportCase",
  ...SUPPORT_STAFF_MUTATIONS,
];

const libRoot = path.resolve("lib");

function libModules(): string[] {
  return (readdirSync(libRoot, { recursive: true }) as string[])
    .filter((file) => /\.tsx?$/.test(file) && !file.endsWith(".d.ts") && !file.startsWith(`generated${path.sep}`))
    .map((file) => path.join(libRoot, file))
    .sort();
}

async function allMutations(): Promise<AnyMutation[]> {
  const found = new Map<string, AnyMutation>();
  for (const file of libModules()) {
    const exported: Record<string, unknown> = await import(/* @vite-ignore */ file);
    for (const value of Object.values(exported)) {
      if (!isMutation(value)) continue;
      const existing = found.get(value.name);
      if (existing && existing !== value) throw new Error(`Two mutations are named ${value.name}`);
      found.set(value.name, value);
    }
  }
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * A world where the support user could do real harm if a check were missing: they have a complete
 * profile, their own pending request (old enough to remind), an account they administer with an
 * escalated pending request from someone else and another member whose access ends soon, an
 * account they belong to as a plain user, an account they could ask to join, and a support case.
 */
async function createWorld() {
  const support = await createUser({ email: `walk-support-${unique()}@example.com`, platformRole: "SUPPORT" });
  const someone = await createUser();
  const ownAccount = await createAccount({ admins: [{ userId: someone.id }] });
  const ownRequest = await createRequest({ requesterId: support.id, accountId: ownAccount.id, createdAt: new Date(Date.now() - 2 * 24 * 3600_000) });
  const administered = await createAccount({ admins: [{ userId: support.id }] });
  const adminRequest = await createRequest({ requesterId: someone.id, accountId: administered.id, escalatedAt: new Date() });
  const managedMember = await db.membership.create({
    data: { userId: (await createUser()).id, accountId: administered.id, role: "VIEWER", endsAt: new Date(Date.now() + 5 * 24 * 3600_000) },
  });
  const memberOf = await createAccount({ admins: [{ userId: someone.id }] });
  await db.membership.create({ data: { userId: support.id, accountId: memberOf.id, role: "USER" } });
  const joinable = await createAccount({ admins: [{ userId: someone.id }] });
  const { supportCaseId } = await openSupportCase.execute(actorOf(someone), { requestId: adminRequest.id, message: "Please help me with this request." });
  return { support, ownRequest, adminRequest, joinable, supportCaseId, managedMember, memberOf };
}

type World = Awaited<ReturnType<typeof createWorld>>;

/**
 * Values for input fields by name. Requester mutations ("request.*") act on the actor's own request;
 * leaving or asking support about an account ("membership.leave", "membership.openSupportCase") act
 * on an account the actor belongs to; the other membership mutations on a member of the account
 * the actor administers.
 */
function fieldValues(world: World, mutationName: string): Record<string, unknown> {
  const ownAccount = mutationName === "membership.leave" || mutationName === "membership.openSupportCase";
  return {
    requestId: mutationName.startsWith("request.") ? world.ownRequest.id : world.adminRequest.id,
    accountId: ownAccount ? world.memberOf.id : world.joinable.id,
    membershipId: world.managedMember.id,
    endsInDays: 90,
    domain: world.joinable.domains[0]!.domain,
    caseId: world.supportCaseId,
    reason: "A reason that is long enough to be valid.",
    message: "A message that is long enough to be valid.",
    body: "A note.",
    note: "A note.",
    role: "USER",
    firstName: "Walk",
    lastName: "Test",
    company: "Walk Inc.",
    jobTitle: "Tester",
    country: "US",
    phone: "+1 555 0199",
    locale: "en",
  };
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  minLength?: number;
  minimum?: number;
}

function sampleOf(schema: JsonSchema, name: string, values: Record<string, unknown>): unknown {
  if (name in values) return values[name];
  if ("const" in schema) return schema.const;
  if (schema.enum) return schema.enum[0];
  const union = schema.oneOf ?? schema.anyOf;
  if (union?.[0]) return sampleOf(union[0], name, values);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "object":
      return Object.fromEntries(
        Object.entries(schema.properties ?? {})
          .filter(([key]) => schema.required?.includes(key) || key in values)
          .map(([key, child]) => [key, sampleOf(child, key, values)]),
      );
    case "array":
      // requestIds → [a requestId]
      return [sampleOf(schema.items ?? {}, name.replace(/s$/, ""), values)];
    case "number":
    case "integer":
      return schema.minimum ?? 1;
    case "boolean":
      return true;
    default:
      return "x".repeat(Math.max(1, schema.minLength ?? 1));
  }
}

/** An input the mutation's own schema accepts (the test fails, naming the mutation, if none can be built). */
function validInput(mutation: AnyMutation, world: World): unknown {
  const jsonSchema = z.toJSONSchema(mutation.input, { io: "input", unrepresentable: "any" }) as JsonSchema;
  const input = sampleOf(jsonSchema, "", fieldValues(world, mutation.name));
  const parsed = mutation.input.safeParse(input);
  if (!parsed.success) {
    throw new Error(`No valid sample input for ${mutation.name}: add its fields to fieldValues(). ${JSON.stringify(parsed.error.issues)}`);
  }
  return input;
}

/** A digest of every row of every table, to prove nothing changed. */
async function databaseDigest(): Promise<Record<string, string>> {
  const tables = await db.$queryRaw<{ tablename: string }[]>`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`;
  const digest: Record<string, string> = {};
  for (const { tablename } of tables) {
    const [row] = await db.$queryRawUnsafe<{ digest: string }[]>(
      `SELECT md5(coalesce(string_agg(md5(t::text), '' ORDER BY md5(t::text)), '')) AS digest FROM "${tablename.replaceAll('"', '""')}" t`,
    );
    digest[tablename] = row!.digest;
  }
  return digest;
}

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "accepted";
  } catch (error) {
    return error instanceof AppError ? error.code : `unexpected: ${String(error)}`;
  }
}

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
    for (const [mutation, input] of inputs) results[mutation.name] = await outcome(mutation.execute(actor, input));
    // FORBIDDEN, or NOT_FOUND where a use case hides what exists; never accepted, never VALIDATION.
    const refused = Object.fromEntries(walked.map((mutation) => [mutation.name, expect.stringMatching(/^(FORBIDDEN|NOT_FOUND)$/)]));
    expect(results).toEqual(refused);
    expect(await databaseDigest()).toEqual(before);
  });

  it("control: the same inputs are accepted from the same user without the SUPPORT role, so the refusals above are the role's", async () => {
    const results: Record<string, string> = {};
    for (const mutation of mutations.filter((candidate) => !SUPPORT_STAFF_MUTATIONS.has(candidate.name))) {
      const world = await createWorld();
      const input = validInput(mutation, world);
      await db.user.update({ where: { id: world.support.id }, data: { platformRole: "NONE" } });
      results[mutation.name] = await outcome(mutation.execute({ ...actorOf(world.support), platformRole: "NONE" }, input));
    }
    expect(results).toEqual(Object.fromEntries(Object.keys(results).map((name) => [name, "accepted"])));
  });

  it("SUPPORT may run the support mutations, and each is audited", async () => {
    const world = await createWorld();
    const actor = actorOf(world.support);
    for (const mutation of mutations.filter((candidate) => SUPPORT_STAFF_MUTATIONS.has(candidate.name))) {
      const audits = await db.auditEvent.count({ where: { actorId: world.support.id } });
      await mutation.execute(actor, validInput(mutation, world));
      expect(await db.auditEvent.count({ where: { actorId: world.support.id } }), mutation.name).toBe(audits + 1);
    }
  });
});

describe("every state change reachable from the browser goes through a mutation", () => {
  const appRoot = path.resolve("app");
  const appFiles = (readdirSync(appRoot, { recursive: true }) as string[]).filter((file) => /\.tsx?$/.test(file)).map((file) => path.join(appRoot, file));

  /** Server actions that are not mutations, and why that is safe for support staff. */
  const NON_MUTATION_ACTIONS: Record<string, string> = {
    setLocaleAction: "changes only the caller's own language preference",
  };
  /** Route handlers that accept writes, and why. */
  const WRITE_ROUTES: Record<string, string> = {
    [path.join("api", "auth", "[...nextauth]", "route.ts")]: "next-auth's sign-in and sign-out",
  };

  it("every exported server action runs a mutation (runAction) or is a listed exception", () => {
    const offenders: string[] = [];
    for (const file of appFiles) {
      const source = readFileSync(file, "utf8");
      if (!/^\s*["']use server["']/.test(source)) continue;
      const exports = [...source.matchAll(/export\s+(?:async\s+)?function\s+(\w+)/g)];
      exports.forEach((match, index) => {
        const body = source.slice(match.index, exports[index + 1]?.index ?? source.length);
        if (!body.includes("runAction(") && !(match[1]! in NON_MUTATION_ACTIONS)) offenders.push(`${path.relative(appRoot, file)}: ${match[1]}`);
      });
    }
    expect(offenders).toEqual([]);
  });

  it("no route handler accepts POST, PUT, PATCH or DELETE but the listed ones", () => {
    const writers = appFiles
      .filter((file) => path.basename(file).startsWith("route."))
      .filter((file) => /export\s+(?:async\s+function|const|\{[^}]*\bas\b)\s*\(?\s*(POST|PUT|PATCH|DELETE)\b|export\s*\{[^}]*\b(POST|PUT|PATCH|DELETE)\b/.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(appRoot, file));
    expect(writers.sort()).toEqual(Object.keys(WRITE_ROUTES).sort());
  });
});
