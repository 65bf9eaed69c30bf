import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { changeMemberRole } from "@/lib/memberships/change-role";
import { extendMembership } from "@/lib/memberships/extend-membership";
import { leaveAccount } from "@/lib/memberships/leave-account";
import { listAccountMembers } from "@/lib/memberships/list-members";
import { openAccountSupportCase } from "@/lib/memberships/open-account-support-case";
import { removeMember } from "@/lib/memberships/remove-member";
import { parseMembersFilters } from "@/lib/memberships/schema";
import { createAccount, createMembership, createUser } from "../factories";

/**
 * The authorization matrix of the membership mutations: every one of them, for every kind of actor,
 * on the actor's own account and on another one. Each cell runs in a world of its own and a refusal
 * must leave that world exactly as it was.
 */

const actorKinds = [
  "admin",
  "user",
  "viewer",
  "outsider",
  "supportStaffAdmin",
  "superadmin",
] as const;
type ActorKind = (typeof actorKinds)[number];
type Where = "own" | "other";

async function createWorld(kind: ActorKind) {
  const createdAt = new Date();
  const own = await createAccount({ name: "Own account" });
  const other = await createAccount({ name: "Other account" });
  // Each account keeps a second administrator, so that no cell is refused for being the last one.
  for (const account of [own, other])
    await createMembership((await createUser()).id, account.id, "ADMIN");
  const platformRole =
    kind === "supportStaffAdmin" ? "SUPPORT" : kind === "superadmin" ? "SUPERADMIN" : "NONE";
  const actor: Actor = await createUser({ platformRole });
  const roles = {
    admin: "ADMIN",
    user: "USER",
    viewer: "VIEWER",
    supportStaffAdmin: "ADMIN",
    outsider: null,
    superadmin: null,
  } as const;
  const role = roles[kind];
  if (role) await createMembership(actor.id, own.id, role);
  const targets = {
    own: await createMembership((await createUser()).id, own.id, "USER", {
      endsAt: new Date(Date.now() + 5 * 24 * 3600_000),
    }),
    other: await createMembership((await createUser()).id, other.id, "USER", {
      endsAt: new Date(Date.now() + 5 * 24 * 3600_000),
    }),
  };
  return { actor, accounts: { own, other }, targets, createdAt };
}

type World = Awaited<ReturnType<typeof createWorld>>;

const mutations = {
  "membership.changeRole": (w: World, where: Where) =>
    changeMemberRole.execute(w.actor, { membershipId: w.targets[where].id, role: "VIEWER" }),
  "membership.remove": (w: World, where: Where) =>
    removeMember.execute(w.actor, { membershipId: w.targets[where].id, reason: "Matrix." }),
  "membership.extend": (w: World, where: Where) =>
    extendMembership.execute(w.actor, { membershipId: w.targets[where].id, endsInDays: 90 }),
  "membership.leave": (w: World, where: Where) =>
    leaveAccount.execute(w.actor, { accountId: w.accounts[where].id }),
  "membership.openSupportCase": (w: World, where: Where) =>
    openAccountSupportCase.execute(w.actor, {
      accountId: w.accounts[where].id,
      message: "Please appoint another administrator.",
    }),
};

type MutationName = keyof typeof mutations;

/** What each actor may do on their own account; on another account, everyone gets NOT_FOUND. */
const expectedOnOwn: Record<ActorKind, Record<MutationName, string>> = {
  admin: {
    "membership.changeRole": "ok",
    "membership.remove": "ok",
    "membership.extend": "ok",
    "membership.leave": "ok",
    "membership.openSupportCase": "ok",
  },
  user: {
    "membership.changeRole": "NOT_FOUND",
    "membership.remove": "NOT_FOUND",
    "membership.extend": "NOT_FOUND",
    "membership.leave": "ok",
    "membership.openSupportCase": "ok",
  },
  viewer: {
    "membership.changeRole": "NOT_FOUND",
    "membership.remove": "NOT_FOUND",
    "membership.extend": "NOT_FOUND",
    "membership.leave": "ok",
    "membership.openSupportCase": "ok",
  },
  outsider: {
    "membership.changeRole": "NOT_FOUND",
    "membership.remove": "NOT_FOUND",
    "membership.extend": "NOT_FOUND",
    "membership.leave": "NOT_FOUND",
    "membership.openSupportCase": "NOT_FOUND",
  },
  // Support staff are read-only even where they are members.
  supportStaffAdmin: {
    "membership.changeRole": "FORBIDDEN",
    "membership.remove": "FORBIDDEN",
    "membership.extend": "FORBIDDEN",
    "membership.leave": "FORBIDDEN",
    "membership.openSupportCase": "FORBIDDEN",
  },
  // The licensing team decides escalated requests, but does not manage an account's members.
  superadmin: {
    "membership.changeRole": "NOT_FOUND",
    "membership.remove": "NOT_FOUND",
    "membership.extend": "NOT_FOUND",
    "membership.leave": "NOT_FOUND",
    "membership.openSupportCase": "NOT_FOUND",
  },
};

function expected(kind: ActorKind, name: MutationName, where: Where): string {
  if (kind === "supportStaffAdmin") return "FORBIDDEN";
  return where === "own" ? expectedOnOwn[kind][name] : "NOT_FOUND";
}

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return error instanceof AppError ? error.code : `unexpected: ${String(error)}`;
  }
}

/** Everything a membership mutation could write, in the world's two accounts. */
async function snapshot(world: World) {
  const accountIds = [world.accounts.own.id, world.accounts.other.id];
  const memberships = await db.membership.findMany({
    where: { accountId: { in: accountIds } },
    orderBy: { id: "asc" },
  });
  return {
    memberships,
    audit: await db.auditEvent.count({
      where: {
        OR: [
          { subjectId: { in: memberships.map((m) => m.id) } },
          { subjectId: { in: accountIds } },
        ],
      },
    }),
    emails: await db.emailMessage.count({ where: { createdAt: { gte: world.createdAt } } }),
    cases: await db.supportCase.count({ where: { accountId: { in: accountIds } } }),
  };
}

describe("membership mutations: every mutation × actor × own or other account", () => {
  it(
    "each cell is allowed or refused as the matrix says, and a refusal changes nothing",
    { timeout: 120_000 },
    async () => {
      const results: Record<string, string> = {};
      const wanted: Record<string, string> = {};
      const unchanged: string[] = [];
      for (const kind of actorKinds) {
        for (const name of Object.keys(mutations) as MutationName[]) {
          for (const where of ["own", "other"] as const) {
            const cell = `${kind} ${name} ${where}`;
            const world = await createWorld(kind);
            const before = await snapshot(world);
            results[cell] = await outcome(mutations[name](world, where));
            wanted[cell] = expected(kind, name, where);
            if (
              results[cell] !== "ok" &&
              JSON.stringify(await snapshot(world)) !== JSON.stringify(before)
            )
              unchanged.push(cell);
          }
        }
      }
      expect(results).toEqual(wanted);
      expect(unchanged, "refused cells that changed something").toEqual([]);
    },
  );

  it("the members list is shown to the account's administrators only", async () => {
    const seen: Record<string, boolean> = {};
    for (const kind of actorKinds) {
      const world = await createWorld(kind);
      for (const where of ["own", "other"] as const) {
        seen[`${kind} ${where}`] =
          (await listAccountMembers(
            world.actor,
            world.accounts[where].id,
            parseMembersFilters({}),
          )) !== null;
      }
    }
    expect(
      Object.entries(seen)
        .filter(([, shown]) => shown)
        .map(([cell]) => cell),
    ).toEqual(["admin own", "supportStaffAdmin own"]);
  });
});
