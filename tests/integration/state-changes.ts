import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { isMutation } from "@/lib/actions/mutation";
import { api, type Answer, type Call } from "./api-client";
import type { World } from "./mutation-walk";

/**
 * Every way the browser or an API client changes state, derived from the code: each exported
 * server action (a `"use server"` module under app/) and the mutation it runs, and each route
 * handler under app/ exporting POST, PUT, PATCH or DELETE. The walks compare these with what they
 * walk, so a new action or handler that no walk reaches fails them.
 */

const appRoot = path.resolve("app");

function appModules(): string[] {
  return (readdirSync(appRoot, { recursive: true }) as string[])
    .filter((file) => /\.tsx?$/.test(file))
    .map((file) => path.join(appRoot, file))
    .sort();
}

/** A module specifier of an app file ("@/lib/…", "./…") as the file it names. */
function resolveModule(specifier: string, from: string): string {
  const base = specifier.startsWith("@/")
    ? path.resolve(specifier.slice(2))
    : path.resolve(path.dirname(from), specifier);
  return /\.tsx?$/.test(base) ? base : `${base}.ts`;
}

export interface ServerAction {
  /** app-relative file and exported name, e.g. "admin/actions.ts: approveRequestAction". */
  action: string;
  /** The name of the Mutation it runs through runAction, or null if it runs none imported from lib/. */
  mutation: string | null;
  /** What it passes to runAction, as named in its module. */
  runs: string | null;
}

/** Every exported server action, and the mutation it passes to runAction (read from its body and imports). */
export async function serverActions(): Promise<ServerAction[]> {
  const found: ServerAction[] = [];
  for (const file of appModules()) {
    const source = readFileSync(file, "utf8");
    if (!/^\s*["']use server["']/.test(source)) continue;
    const imported = new Map<string, string>();
    for (const [, names, specifier] of source.matchAll(/import\s*\{([^}]*)\}\s*from\s*"([^"]+)"/g))
      for (const name of names!.split(",")) {
        const [exported, local = exported] = name.trim().split(/\s+as\s+/);
        if (exported) imported.set(local!, `${specifier}#${exported}`);
      }
    const exports = [...source.matchAll(/export\s+(?:async\s+)?function\s+(\w+)/g)];
    for (const [index, match] of exports.entries()) {
      const body = source.slice(match.index, exports[index + 1]?.index ?? source.length);
      const ran = /runAction\(\s*(\w+)/.exec(body)?.[1];
      let mutation: string | null = null;
      const origin = ran && imported.get(ran);
      if (origin) {
        const [specifier, exported] = origin.split("#") as [string, string];
        const loaded: Record<string, unknown> = await import(
          /* @vite-ignore */ resolveModule(specifier, file)
        );
        const value = loaded[exported];
        if (isMutation(value)) mutation = value.name;
      }
      found.push({
        action: `${path.relative(appRoot, file)}: ${match[1]}`,
        mutation,
        runs: ran ?? null,
      });
    }
  }
  return found;
}

const WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"] as const;

/** Every route handler that accepts a write, as "METHOD app-relative/route.ts". */
export async function stateChangingHandlers(): Promise<string[]> {
  const found: string[] = [];
  for (const file of appModules().filter((name) => /^route\.tsx?$/.test(path.basename(name)))) {
    const routeModule: Record<string, unknown> = await import(/* @vite-ignore */ file);
    for (const method of WRITE_METHODS)
      if (typeof routeModule[method] === "function")
        found.push(`${method} ${path.relative(appRoot, file)}`);
  }
  return found.sort();
}

/** Handlers that accept writes but change nothing support staff must not, and why. */
export const HANDLERS_NOT_WALKED: Record<string, string> = {
  [`POST ${path.join("api", "auth", "[...nextauth]", "route.ts")}`]:
    "next-auth's sign-in and sign-out: anyone's own session, tested in sign-in-links and auth-cookies",
  ...Object.fromEntries(
    ["POST", "PUT", "PATCH", "DELETE"].map((method) => [
      `${method} ${path.join("api", "malformed-url", "route.ts")}`,
      "answers an /api/v1 URL that does not decode with a 400 and reads nothing: tested in edge.test.ts and api-edge.spec.ts",
    ]),
  ),
  ...Object.fromEntries(
    ["POST", "PUT", "PATCH", "DELETE"].map((method) => [
      `${method} ${path.join("api", "v1", "[...path]", "route.ts")}`,
      "answers an /api/v1 path no endpoint has with a 404 problem and reads nothing: tested in api-edge.spec.ts",
    ]),
  ),
};

/** Server actions that run no mutation, and why that is safe for support staff. */
export const ACTIONS_WITHOUT_MUTATION: Record<string, string> = {
  [`${path.join("actions", "locale.ts")}: setLocaleAction`]:
    "changes only the caller's own language preference",
  [`${path.join("admin", "actions.ts")}: virtualAccountTreeAction`]:
    "reads an account's virtual accounts for the bulk bar (virtualAccountTreeFor decides who may); changes nothing",
  [`${path.join("requests", "actions.ts")}: requestReceiptAction`]:
    "reads the counts of the caller's own request's notification emails (readRequestReceipt checks the requester); changes nothing",
  [`${path.join("requests", "actions.ts")}: accountHasActiveAdminAction`]:
    "reads whether an active account has an active administrator, a yes/no; changes nothing",
};

export interface HandlerCall {
  /** The derived name, "METHOD app-relative/route.ts". */
  handler: string;
  /**
   * The names of the Mutations it runs (the UI's own, through executeIn, as the token's creator):
   * their refusal of support staff and their schemas are the handler's, walked with the mutations.
   */
  runs: string[];
  /** Calls the handler as Next does (api-client.ts) with a body (JSON-encoded, or raw), as the world's user. */
  call(world: World, payload: Pick<Call, "body" | "rawBody" | "headers">): Promise<Answer>;
  /** A body the handler accepts from an administrator of the world's account. */
  validBody(world: World): Record<string, unknown>;
  /** The status it answers when it accepts (200 unless given: 201 for a creation). */
  accepted?: number;
}

const route = (...segments: string[]) => path.join("api", "v1", ...segments, "route.ts");

/**
 * How to call each state-changing API handler on the world: as its user, with their token (every
 * scope), on the request they could decide and the member they could manage. A handler derived
 * above and missing here fails the walks.
 */
export const API_WRITES: HandlerCall[] = [
  {
    handler: `POST ${route("requests", "[requestId]", "approve")}`,
    runs: ["admin.approveRequest"],
    call: (world, payload) =>
      api.approve(world.adminRequest.id, { token: world.token, ...payload }),
    validBody: () => ({ role: "USER" }),
  },
  {
    handler: `POST ${route("requests", "[requestId]", "deny")}`,
    runs: ["admin.denyRequest"],
    call: (world, payload) => api.deny(world.adminRequest.id, { token: world.token, ...payload }),
    validBody: () => ({ reason: "Not for this account." }),
  },
  {
    handler: `POST ${route("accounts", "[accountId]", "members")}`,
    runs: ["membersImport.commit"],
    call: (world, payload) =>
      api.addMembers(world.administered.id, { token: world.token, ...payload }),
    validBody: () => ({ people: [{ email: "walk-added@example.com", role: "VIEWER" }] }),
  },
  {
    handler: `PATCH ${route("accounts", "[accountId]", "members", "[email]")}`,
    runs: ["membership.changeRole", "membership.extend"],
    call: (world, payload) =>
      api.updateMember(world.administered.id, world.managedEmail, {
        token: world.token,
        ...payload,
      }),
    validBody: () => ({ role: "USER", endsInDays: 90 }),
  },
  {
    handler: `DELETE ${route("accounts", "[accountId]", "members", "[email]")}`,
    runs: ["membership.remove"],
    call: (world, payload) =>
      api.removeMember(world.administered.id, world.managedEmail, {
        token: world.token,
        ...payload,
      }),
    validBody: () => ({ reason: "No longer on the project." }),
  },
  {
    handler: `POST ${route("accounts", "[accountId]", "virtual-accounts")}`,
    runs: ["virtualAccounts.create"],
    call: (world, payload) =>
      api.createVirtualAccount(world.administered.id, { token: world.token, ...payload }),
    validBody: () => ({ name: "Walk sub-account" }),
    accepted: 201,
  },
  {
    handler: `PATCH ${route("accounts", "[accountId]", "virtual-accounts", "[virtualAccountId]")}`,
    runs: ["virtualAccounts.rename", "virtualAccounts.move"],
    call: (world, payload) =>
      api.updateVirtualAccount(world.administered.id, world.virtualAccountId, {
        token: world.token,
        ...payload,
      }),
    validBody: () => ({ name: "Walk renamed" }),
  },
  {
    handler: `DELETE ${route("accounts", "[accountId]", "virtual-accounts", "[virtualAccountId]")}`,
    runs: ["virtualAccounts.delete"],
    call: (world, payload) =>
      api.deleteVirtualAccount(world.administered.id, world.virtualAccountId, {
        token: world.token,
        ...payload,
      }),
    validBody: () => ({}),
  },
];

/**
 * What the walks miss, as messages (none when they reach everything): a server action whose
 * mutation is not among `walkedMutations`, a state-changing handler not in API_WRITES or running a
 * mutation not among them, and an entry of API_WRITES or of the exceptions that the code no longer
 * has.
 */
export async function unwalkedStateChanges(walkedMutations: string[]): Promise<string[]> {
  const actions = await serverActions();
  const handlers = await stateChangingHandlers();
  const known = [...API_WRITES.map((write) => write.handler), ...Object.keys(HANDLERS_NOT_WALKED)];
  return [
    ...actions
      .filter(({ mutation }) => !(mutation && walkedMutations.includes(mutation)))
      .filter(({ action }) => !(action in ACTIONS_WITHOUT_MUTATION))
      .map(
        ({ action, mutation, runs }) =>
          `server action ${action} runs ${mutation ?? (runs ? `${runs}, not a Mutation imported from lib/` : "no mutation")}`,
      ),
    ...Object.keys(ACTIONS_WITHOUT_MUTATION)
      .filter((listed) => !actions.some(({ action }) => action === listed))
      .map((listed) => `no server action ${listed} any more`),
    ...API_WRITES.flatMap(({ handler, runs }) =>
      runs
        .filter((name) => !walkedMutations.includes(name))
        .map((name) => `handler ${handler} runs ${name}, which no walk reaches`),
    ),
    ...handlers
      .filter((handler) => !known.includes(handler))
      .map((handler) => `handler ${handler} is not walked: add it to API_WRITES`),
    ...known
      .filter((handler) => !handlers.includes(handler))
      .map((handler) => `no handler ${handler} any more`),
  ];
}
