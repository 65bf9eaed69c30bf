import { readdirSync } from "node:fs";
import path from "node:path";
import { z, type ZodType } from "zod";
import { isMutation, type Mutation } from "@/lib/actions/mutation";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { PlatformRole } from "@/lib/generated/prisma/enums";
import { openSupportCase } from "@/lib/requests/open-support-case";
import { apiScopes } from "@/lib/api/rules";
import {
  actorOf,
  createAccount,
  createApiTokenRow,
  createMembership,
  createRequest,
  createUser,
  createGrant,
  createVirtualAccount,
  createWebhookEndpoint,
  defaultVirtualAccountOf,
  unique,
} from "../factories";

/**
 * Every mutation of the app, found by importing every module under lib/ (not a hand-kept list), a
 * world to run them in, and inputs each one's own schema accepts: for the tests that walk them all.
 */

export type AnyMutation = Mutation<ZodType, unknown>;

const libRoot = path.resolve("lib");

function libModules(): string[] {
  return (readdirSync(libRoot, { recursive: true }) as string[])
    .filter(
      (file) =>
        /\.tsx?$/.test(file) && !file.endsWith(".d.ts") && !file.startsWith(`generated${path.sep}`),
    )
    .map((file) => path.join(libRoot, file))
    .sort();
}

export async function allMutations(): Promise<AnyMutation[]> {
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
 * A world where a user (`support`, support staff unless another platform role is given) could do
 * real harm if a check were missing: they have a complete profile, their own pending request (old
 * enough to remind), an account they administer with an escalated pending request from someone
 * else and another member whose access ends soon, an account they belong to as a plain user, an
 * account they could ask to join, and a support case.
 */
export async function createWorld(platformRole: PlatformRole = "SUPPORT") {
  const support = await createUser({
    email: `walk-${platformRole.toLowerCase()}-${unique()}@example.com`,
    platformRole,
  });
  const someone = await createUser();
  const ownAccount = await createAccount({ admins: [{ userId: someone.id }] });
  const ownRequest = await createRequest({
    requesterId: support.id,
    accountId: ownAccount.id,
    createdAt: new Date(Date.now() - 2 * 24 * 3600_000),
  });
  const administered = await createAccount({ admins: [{ userId: support.id }] });
  const adminRequest = await createRequest({
    requesterId: someone.id,
    accountId: administered.id,
    escalatedAt: new Date(),
  });
  const managed = await createUser();
  const managedMember = await createMembership(managed.id, administered.id, "VIEWER", {
    endsAt: new Date(Date.now() + 5 * 24 * 3600_000),
  });
  // A member of selected virtual accounts (issue 27): the account's DEFAULT, as a user.
  const scoped = await createUser();
  const scopedMember = await createMembership(scoped.id, administered.id, "VIEWER", {
    scope: "VIRTUAL_ACCOUNTS",
  });
  const administeredDefault = await defaultVirtualAccountOf(administered.id);
  await createGrant(scopedMember.id, administeredDefault.id, "USER");
  const memberOf = await createAccount({
    admins: [{ userId: someone.id }],
    members: [{ userId: support.id, role: "USER" }],
  });
  const joinable = await createAccount({ admins: [{ userId: someone.id }] });
  const { supportCaseId } = await openSupportCase.execute(actorOf(someone), {
    requestId: adminRequest.id,
    message: "Please help me with this request.",
  });
  // The user's own API token, with every scope, and webhook endpoint (made before they were support
  // staff, if they are: the portal refuses support staff both).
  const { id: tokenId, token } = await createApiTokenRow(support.id, {
    name: "Walk",
    scopes: [...apiScopes],
  });
  const { id: endpointId } = await createWebhookEndpoint({
    accountId: administered.id,
    url: "https://hooks.example.com/walk",
    createdById: support.id,
  });
  // A virtual account of the administered account (besides its DEFAULT), to rename, move, delete.
  const { id: virtualAccountId } = await createVirtualAccount(administered.id, { name: "Walk VA" });
  return {
    support,
    virtualAccountId,
    ownRequest,
    adminRequest,
    administered,
    joinable,
    supportCaseId,
    tokenId,
    token,
    endpointId,
    managedMember,
    managedEmail: managed.email,
    scopedMember,
    scopedEmail: scoped.email,
    administeredDefault,
    memberOf,
  };
}

export type World = Awaited<ReturnType<typeof createWorld>>;

/**
 * Values for input fields by name. Requester mutations ("request.*") act on the actor's own request;
 * leaving or asking support about an account ("membership.leave", "membership.openSupportCase") act
 * on an account the actor belongs to; webhooks and the other membership mutations on the account
 * the actor administers and its member.
 */
export function fieldValues(world: World, mutationName: string): Record<string, unknown> {
  const memberOf =
    mutationName === "membership.leave" || mutationName === "membership.openSupportCase";
  // A role on a virtual account is given to, changed on or taken from a member of selected virtual accounts.
  const onGrant = [
    "membership.grantVirtualAccount",
    "membership.changeGrant",
    "membership.removeGrant",
  ].includes(mutationName);
  return {
    requestId: mutationName.startsWith("request.") ? world.ownRequest.id : world.adminRequest.id,
    accountId: memberOf
      ? world.memberOf.id
      : mutationName.startsWith("webhooks.") ||
          onGrant ||
          mutationName.startsWith("virtualAccounts.") ||
          mutationName.startsWith("membersImport.")
        ? world.administered.id
        : world.joinable.id,
    membershipId: onGrant ? world.scopedMember.id : world.managedMember.id,
    email: world.scopedEmail,
    virtualAccountId: mutationName.startsWith("virtualAccounts.")
      ? world.virtualAccountId
      : world.administeredDefault.id,
    // Moving the world's virtual account below DEFAULT (and creating one there).
    parentId: world.administeredDefault.id,
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
    name: "Walk token",
    scopes: ["requests:read"],
    lifetimeDays: 30,
    accountIds: [],
    tokenId: world.tokenId,
    url: "https://hooks.example.com/walk",
    events: ["request.created"],
    endpointId: world.endpointId,
    enabled: false,
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
export function validInput(mutation: AnyMutation, world: World): unknown {
  const jsonSchema = z.toJSONSchema(mutation.input, {
    io: "input",
    unrepresentable: "any",
  }) as JsonSchema;
  const input = sampleOf(jsonSchema, "", fieldValues(world, mutation.name));
  const parsed = mutation.input.safeParse(input);
  if (!parsed.success) {
    throw new Error(
      `No valid sample input for ${mutation.name}: add its fields to fieldValues(). ${JSON.stringify(parsed.error.issues)}`,
    );
  }
  return input;
}

/**
 * A digest of every row of every table (but `except`), to prove nothing changed: one statement,
 * so that a test can take it after every call.
 */
export async function databaseDigest(except: string[] = []): Promise<Record<string, string>> {
  const tables = await db.$queryRaw<
    { tablename: string }[]
  >`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY tablename`;
  const digests = tables
    .filter(({ tablename }) => !except.includes(tablename))
    .map(({ tablename }) => {
      const quoted = `"${tablename.replaceAll('"', '""')}"`;
      return `'${tablename.replaceAll("'", "''")}', (SELECT md5(coalesce(string_agg(md5(t::text), '' ORDER BY md5(t::text)), '')) FROM ${quoted} t)`;
    });
  const [row] = await db.$queryRawUnsafe<{ digest: Record<string, string> }[]>(
    `SELECT json_build_object(${digests.join(", ")}) AS digest`,
  );
  return row!.digest;
}

export async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "accepted";
  } catch (error) {
    return error instanceof AppError ? error.code : `unexpected: ${String(error)}`;
  }
}
