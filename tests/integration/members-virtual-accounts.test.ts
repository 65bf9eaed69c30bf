import { describe, expect, it } from "vitest";
import type { Actor } from "@/lib/auth/actor";
import { denyRequest } from "@/lib/admin/approve-or-deny";
import { listAdministeredAccounts } from "@/lib/admin/members";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { changeMemberAccess } from "@/lib/memberships/change-access";
import { changeMemberGrant } from "@/lib/memberships/change-grant";
import { changeMemberRole } from "@/lib/memberships/change-role";
import { extendMembership } from "@/lib/memberships/extend-membership";
import { grantVirtualAccount } from "@/lib/memberships/grant-virtual-account";
import { administersVirtualAccounts, listAccountMembers } from "@/lib/memberships/list-members";
import { removeMemberGrant } from "@/lib/memberships/remove-grant";
import { removeMember } from "@/lib/memberships/remove-member";
import { parseMembersFilters } from "@/lib/memberships/schema";
import { membershipsAsSupport } from "@/lib/memberships/support-history";
import { submitRequest } from "@/lib/requests/submit-request";
import { appErrorOf } from "./app-error-of";
import {
  actorOf,
  createAccount,
  createGrant,
  createMembership,
  createRequest,
  createUser,
  createVirtualAccount,
  defaultVirtualAccountOf,
} from "../factories";

/*
 * The members page's scopes and the powers of Virtual Account Administrators (issue 27), over one
 * account and another:
 *
 *   own ─┬─ DEFAULT            other ─┬─ DEFAULT
 *        ├─ Americas                  └─ Region
 *        └─ EMEA ── France
 *
 * In `own`: two Smart Account Administrators, a Smart Account User and Viewer, Vera (Virtual
 * Account Administrator of EMEA with its sub-accounts), Amos (the same of Americas), support staff
 * holding an ADMIN membership, and the members acted on: Emma (France, user, time-bound), Max
 * (France viewer and Americas viewer), Ana (Americas user) and Sam (Smart Account user, time-bound).
 */

const soon = () => new Date(Date.now() + 5 * 24 * 3600_000);

async function scopedMember(
  accountId: string,
  grants: { on: string; role: "ADMIN" | "USER" | "VIEWER"; includeSubAccounts?: boolean }[],
  options: { endsAt?: Date; locale?: "en" | "fr" } = {},
) {
  const user = await createUser(options.locale ? { locale: options.locale } : {});
  const membership = await db.membership.create({
    data: {
      userId: user.id,
      accountId,
      role: "VIEWER",
      scope: "VIRTUAL_ACCOUNTS",
      endsAt: options.endsAt ?? null,
    },
  });
  for (const grant of grants)
    await createGrant(membership.id, grant.on, grant.role, {
      includeSubAccounts: grant.includeSubAccounts,
    });
  return { user, membership };
}

async function createWorld() {
  const createdAt = new Date();
  const own = await createAccount({ name: "Own account" });
  const other = await createAccount({ name: "Other account" });
  const va = {
    byDefault: await defaultVirtualAccountOf(own.id),
    americas: await createVirtualAccount(own.id, { name: "Americas" }),
    emea: await createVirtualAccount(own.id, { name: "EMEA" }),
  };
  const france = await createVirtualAccount(own.id, { name: "France", parentId: va.emea.id });
  const region = await createVirtualAccount(other.id, { name: "Region" });

  const admin = await createUser();
  await createMembership(admin.id, own.id, "ADMIN");
  await createMembership((await createUser()).id, own.id, "ADMIN");
  const user = await createUser();
  await createMembership(user.id, own.id, "USER");
  const viewer = await createUser();
  await createMembership(viewer.id, own.id, "VIEWER");
  const supportStaff = await createUser({ platformRole: "SUPPORT" });
  await createMembership(supportStaff.id, own.id, "ADMIN");
  const vera = await scopedMember(own.id, [
    { on: va.emea.id, role: "ADMIN", includeSubAccounts: true },
  ]);
  const amos = await scopedMember(own.id, [
    { on: va.americas.id, role: "ADMIN", includeSubAccounts: true },
  ]);
  const otherAdmin = await createUser();
  await createMembership(otherAdmin.id, other.id, "ADMIN");
  await createMembership((await createUser()).id, other.id, "ADMIN");

  const emma = await scopedMember(own.id, [{ on: france.id, role: "USER" }], {
    endsAt: soon(),
    locale: "fr",
  });
  const max = await scopedMember(own.id, [
    { on: france.id, role: "VIEWER" },
    { on: va.americas.id, role: "VIEWER" },
  ]);
  const ana = await scopedMember(own.id, [{ on: va.americas.id, role: "USER" }]);
  const sam = await createUser();
  const samMembership = await createMembership(sam.id, own.id, "USER", { endsAt: soon() });
  const regionMember = await scopedMember(other.id, [{ on: region.id, role: "USER" }], {
    endsAt: soon(),
  });
  const actors = {
    admin,
    vaAdmin: vera.user,
    otherBranchAdmin: amos.user,
    user,
    viewer,
    supportStaffAdmin: supportStaff,
    otherAccountAdmin: otherAdmin,
  };
  return {
    createdAt,
    own,
    other,
    va: { ...va, france, region },
    actors,
    vera,
    amos,
    emma,
    max,
    ana,
    sam: { user: sam, membership: samMembership },
    regionMember,
  };
}
type World = Awaited<ReturnType<typeof createWorld>>;
type ActorKind = keyof World["actors"];
const actorKinds: ActorKind[] = [
  "admin",
  "vaAdmin",
  "otherBranchAdmin",
  "user",
  "viewer",
  "supportStaffAdmin",
  "otherAccountAdmin",
];
type Where = "own" | "other";

const as = (w: World, kind: ActorKind): Actor => actorOf(w.actors[kind]);

/** Each mutation on a member of `own` inside EMEA (or Sam, Smart-Account-wide, for a scope change), or on the other account's member. */
const mutations = {
  "membership.changeAccess": (w: World, kind: ActorKind, where: Where) =>
    changeMemberAccess.execute(as(w, kind), {
      membershipId: where === "own" ? w.sam.membership.id : w.regionMember.membership.id,
      access: {
        scope: "VIRTUAL_ACCOUNTS",
        grants: [
          {
            virtualAccountId: where === "own" ? w.va.france.id : w.va.region.id,
            role: "USER",
            includeSubAccounts: false,
          },
        ],
      },
    }),
  "membership.grantVirtualAccount": (w: World, kind: ActorKind, where: Where) =>
    grantVirtualAccount.execute(as(w, kind), {
      accountId: where === "own" ? w.own.id : w.other.id,
      email: where === "own" ? w.emma.user.email : w.regionMember.user.email,
      virtualAccountId: where === "own" ? w.va.emea.id : w.va.region.id,
      role: "VIEWER",
    }),
  "membership.changeGrant": (w: World, kind: ActorKind, where: Where) =>
    changeMemberGrant.execute(as(w, kind), {
      membershipId: where === "own" ? w.emma.membership.id : w.regionMember.membership.id,
      virtualAccountId: where === "own" ? w.va.france.id : w.va.region.id,
      role: "VIEWER",
    }),
  "membership.removeGrant": (w: World, kind: ActorKind, where: Where) =>
    removeMemberGrant.execute(as(w, kind), {
      membershipId: where === "own" ? w.max.membership.id : w.regionMember.membership.id,
      virtualAccountId: where === "own" ? w.va.france.id : w.va.region.id,
    }),
  "membership.remove": (w: World, kind: ActorKind, where: Where) =>
    removeMember.execute(as(w, kind), {
      membershipId: where === "own" ? w.emma.membership.id : w.regionMember.membership.id,
      reason: "Matrix.",
    }),
  "membership.extend": (w: World, kind: ActorKind, where: Where) =>
    extendMembership.execute(as(w, kind), {
      membershipId: where === "own" ? w.emma.membership.id : w.regionMember.membership.id,
      endsInDays: 90,
    }),
};
type MutationName = keyof typeof mutations;

/** On `own`; on `other` only its administrator succeeds. Amos sees Max (through Americas) but not his France grant. */
const expectedOnOwn: Record<
  Exclude<ActorKind, "supportStaffAdmin">,
  Record<MutationName, string>
> = {
  admin: {
    "membership.changeAccess": "ok",
    "membership.grantVirtualAccount": "ok",
    "membership.changeGrant": "ok",
    "membership.removeGrant": "ok",
    "membership.remove": "ok",
    "membership.extend": "ok",
  },
  vaAdmin: {
    "membership.changeAccess": "NOT_FOUND",
    "membership.grantVirtualAccount": "ok",
    "membership.changeGrant": "ok",
    "membership.removeGrant": "ok",
    "membership.remove": "ok",
    "membership.extend": "ok",
  },
  otherBranchAdmin: {
    "membership.changeAccess": "NOT_FOUND",
    "membership.grantVirtualAccount": "FORBIDDEN",
    "membership.changeGrant": "NOT_FOUND",
    "membership.removeGrant": "NOT_FOUND",
    "membership.remove": "NOT_FOUND",
    "membership.extend": "NOT_FOUND",
  },
  user: {
    "membership.changeAccess": "NOT_FOUND",
    "membership.grantVirtualAccount": "NOT_FOUND",
    "membership.changeGrant": "NOT_FOUND",
    "membership.removeGrant": "NOT_FOUND",
    "membership.remove": "NOT_FOUND",
    "membership.extend": "NOT_FOUND",
  },
  viewer: {
    "membership.changeAccess": "NOT_FOUND",
    "membership.grantVirtualAccount": "NOT_FOUND",
    "membership.changeGrant": "NOT_FOUND",
    "membership.removeGrant": "NOT_FOUND",
    "membership.remove": "NOT_FOUND",
    "membership.extend": "NOT_FOUND",
  },
  otherAccountAdmin: {
    "membership.changeAccess": "NOT_FOUND",
    "membership.grantVirtualAccount": "NOT_FOUND",
    "membership.changeGrant": "NOT_FOUND",
    "membership.removeGrant": "NOT_FOUND",
    "membership.remove": "NOT_FOUND",
    "membership.extend": "NOT_FOUND",
  },
};

function expected(kind: ActorKind, name: MutationName, where: Where): string {
  // Support staff are read-only even where they are members.
  if (kind === "supportStaffAdmin") return "FORBIDDEN";
  if (where === "other") return kind === "otherAccountAdmin" ? "ok" : "NOT_FOUND";
  return expectedOnOwn[kind][name];
}

async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return error instanceof AppError ? error.code : `unexpected: ${String(error)}`;
  }
}

/** Everything these mutations could write in the world's accounts. */
async function snapshot(world: World) {
  const accountIds = [world.own.id, world.other.id];
  const memberships = await db.membership.findMany({
    where: { accountId: { in: accountIds } },
    orderBy: { id: "asc" },
    include: { grants: { orderBy: { id: "asc" } } },
  });
  return {
    memberships,
    audit: await db.auditEvent.count({
      where: { subjectId: { in: memberships.map((m) => m.id) } },
    }),
    emails: await db.emailMessage.count({ where: { createdAt: { gte: world.createdAt } } }),
  };
}

const members = (actor: Actor, accountId: string, query: Record<string, string> = {}) =>
  listAccountMembers(actor, accountId, parseMembersFilters(query));

const emailsOf = (w: World) =>
  db.emailMessage.findMany({
    where: { createdAt: { gte: w.createdAt } },
    select: { to: true, template: true, locale: true },
  });

describe("scopes and virtual-account roles: every mutation × actor × own or other account", () => {
  it(
    "each cell is allowed or refused as the matrix says, and a refusal changes nothing",
    { timeout: 300_000 },
    async () => {
      const results: Record<string, string> = {};
      const wanted: Record<string, string> = {};
      const changed: string[] = [];
      for (const kind of actorKinds) {
        for (const name of Object.keys(mutations) as MutationName[]) {
          for (const where of ["own", "other"] as const) {
            const cell = `${kind} ${name} ${where}`;
            const world = await createWorld();
            const before = await snapshot(world);
            results[cell] = await outcome(mutations[name](world, kind, where));
            wanted[cell] = expected(kind, name, where);
            if (
              results[cell] !== "ok" &&
              JSON.stringify(await snapshot(world)) !== JSON.stringify(before)
            )
              changed.push(cell);
          }
        }
      }
      expect(results).toEqual(wanted);
      expect(changed, "refused cells that changed something").toEqual([]);
    },
  );
});

describe("what a Virtual Account Administrator sees", () => {
  it("the members with a grant inside their branch, and of each only those grants", async () => {
    const w = await createWorld();
    const list = await members(as(w, "vaAdmin"), w.own.id);
    const seen = Object.fromEntries(
      list!.members.map((m) => [
        m.user.email,
        m.access.scope === "VIRTUAL_ACCOUNTS"
          ? m.access.grants.map((g) => `${g.path.join("/")}:${g.role}`)
          : m.access.scope,
      ]),
    );
    expect(seen).toEqual({
      [w.vera.user.email]: ["EMEA:ADMIN"],
      [w.emma.user.email]: ["EMEA/France:USER"],
      [w.max.user.email]: ["EMEA/France:VIEWER"],
    });
    expect(list!.members.find((m) => m.user.email === w.max.user.email)!.accessBeyondBranch).toBe(
      true,
    );
    expect(list!.actorRole).toBeNull();
    expect(list!.virtualAccounts.map((va) => va.path.join("/"))).toEqual(["EMEA", "EMEA/France"]);
    // The other branch's administrator sees Americas' people, not EMEA's.
    const americas = await members(as(w, "otherBranchAdmin"), w.own.id);
    expect(americas!.members.map((m) => m.user.email).sort()).toEqual(
      [w.amos.user.email, w.max.user.email, w.ana.user.email].sort(),
    );
  });

  it("a Smart Account Administrator sees everyone with their whole access; users, viewers and another account's administrator see nothing", async () => {
    const w = await createWorld();
    const list = await members(as(w, "admin"), w.own.id);
    expect(list!.total).toBe(11);
    const max = list!.members.find((m) => m.user.email === w.max.user.email)!;
    expect(max.access.scope === "VIRTUAL_ACCOUNTS" && max.access.grants.length).toBe(2);
    expect(list!.virtualAccounts).toHaveLength(4);
    for (const kind of ["user", "viewer", "otherAccountAdmin"] as const)
      expect(await members(as(w, kind), w.own.id), kind).toBeNull();
    expect(await members(as(w, "vaAdmin"), w.other.id)).toBeNull();
  });

  it("the filter by virtual account: everyone with a role there (Smart Account members, grants on it or above it with sub-accounts)", async () => {
    const w = await createWorld();
    const emails = async (actor: Actor, va: string) =>
      (await members(actor, w.own.id, { va, status: "all" }))!.members
        .map((m) => m.user.email)
        .sort();
    const accountWide = (
      await db.membership.findMany({
        where: { accountId: w.own.id, scope: "ACCOUNT" },
        select: { user: { select: { email: true } } },
      })
    ).map((m) => m.user.email);
    expect(await emails(as(w, "admin"), w.va.france.id)).toEqual(
      [...accountWide, w.vera.user.email, w.emma.user.email, w.max.user.email].sort(),
    );
    expect(await emails(as(w, "admin"), w.va.emea.id)).toEqual(
      [...accountWide, w.vera.user.email].sort(),
    );
    expect(await emails(as(w, "vaAdmin"), w.va.france.id)).toEqual(
      [w.vera.user.email, w.emma.user.email, w.max.user.email].sort(),
    );
    // A virtual account outside their branch is no filter for them: the same list as none.
    expect(await emails(as(w, "vaAdmin"), w.va.americas.id)).toEqual(
      await emails(as(w, "vaAdmin"), ""),
    );
    // The role filter reads grants, never the placeholder role of a scoped membership.
    const admins = await members(as(w, "vaAdmin"), w.own.id, { role: "ADMIN" });
    expect(admins!.members.map((m) => m.user.email)).toEqual([w.vera.user.email]);
    const viewers = await members(as(w, "admin"), w.own.id, { role: "VIEWER" });
    expect(viewers!.members.map((m) => m.user.email).sort()).toEqual(
      [w.actors.viewer.email, w.max.user.email].sort(),
    );
  });

  it("their accounts page lists the account where they administer a branch, with its members there and no requests", async () => {
    const w = await createWorld();
    expect(await listAdministeredAccounts(as(w, "vaAdmin"))).toEqual([
      { id: w.own.id, name: "Own account", pending: null, members: 3, manages: "branch" },
    ]);
    expect(await listAdministeredAccounts(as(w, "user"))).toEqual([]);
    // The menu offers them that page; not to a Smart Account member.
    expect(await administersVirtualAccounts(w.vera.user.id)).toBe(true);
    expect(await administersVirtualAccounts(w.emma.user.id)).toBe(false);
    expect(await administersVirtualAccounts(w.actors.admin.id)).toBe(false);
    const admin = await listAdministeredAccounts(as(w, "admin"));
    expect(admin.map((a) => [a.id, a.manages])).toEqual([[w.own.id, "account"]]);
  });

  it("they get no access-request emails and cannot decide a request", async () => {
    const w = await createWorld();
    const requester = await createUser();
    const domain = w.own.domains[0]!.domain;
    await submitRequest.execute(actorOf(requester), {
      accountId: w.own.id,
      domain,
      reason: "I need to see the licences of my team.",
    });
    const to = (await emailsOf(w))
      .filter((email) => email.template === "request-to-admins")
      .map((email) => email.to);
    expect(to).not.toContain(w.vera.user.email);
    expect(to).toContain(w.actors.admin.email);
    const request = await createRequest({
      requesterId: (await createUser()).id,
      accountId: w.own.id,
    });
    const refused = await appErrorOf(
      denyRequest.execute(as(w, "vaAdmin"), { requestId: request.id, reason: "No." }),
    );
    expect(refused.code).toBe("NOT_FOUND");
  });
});

describe("support staff", () => {
  it("see each membership's scope, read-only", async () => {
    const w = await createWorld();
    const support = actorOf(await createUser({ platformRole: "SUPPORT" }));
    const [emma] = await membershipsAsSupport(support, { userId: w.emma.user.id });
    expect(emma!.access).toEqual({
      scope: "VIRTUAL_ACCOUNTS",
      grants: [
        {
          virtualAccountId: w.va.france.id,
          role: "USER",
          includeSubAccounts: false,
          path: ["EMEA", "France"],
        },
      ],
    });
    const [sam] = await membershipsAsSupport(support, { userId: w.sam.user.id });
    expect(sam!.access).toEqual({ scope: "ACCOUNT", role: "USER" });
    expect(
      (await appErrorOf(membershipsAsSupport(as(w, "admin"), { userId: w.emma.user.id }))).code,
    ).toBe("FORBIDDEN");
  });
});

describe("the grants of a branch", () => {
  it("removing someone's last grant ends their membership as REMOVED and emails them so; another grant leaves the rest", async () => {
    const w = await createWorld();
    expect(
      await removeMemberGrant.execute(as(w, "vaAdmin"), {
        membershipId: w.emma.membership.id,
        virtualAccountId: w.va.france.id,
        reason: "Project over.",
      }),
    ).toEqual({ outcome: "ended" });
    expect(
      await db.membership.findUniqueOrThrow({ where: { id: w.emma.membership.id } }),
    ).toMatchObject({ active: false, endCause: "REMOVED" });
    expect(
      await removeMemberGrant.execute(as(w, "admin"), {
        membershipId: w.max.membership.id,
        virtualAccountId: w.va.france.id,
      }),
    ).toEqual({ outcome: "removed" });
    expect(
      await db.virtualAccountGrant.findMany({
        where: { membershipId: w.max.membership.id },
        select: { virtualAccountId: true },
      }),
    ).toEqual([{ virtualAccountId: w.va.americas.id }]);
    const sent = await emailsOf(w);
    expect(sent).toContainEqual({
      to: w.emma.user.email,
      template: "membership-removed",
      locale: "fr",
    });
    expect(sent).toContainEqual({
      to: w.max.user.email,
      template: "membership-access-changed",
      locale: "en",
    });
  });

  it("a Virtual Account Administrator cannot reach outside their branch", async () => {
    const w = await createWorld();
    const vera = as(w, "vaAdmin");
    // A grant on Americas, or a role given to a Smart-Account-wide member.
    const outside = await appErrorOf(
      grantVirtualAccount.execute(vera, {
        accountId: w.own.id,
        email: w.emma.user.email,
        virtualAccountId: w.va.americas.id,
        role: "USER",
      }),
    );
    expect(outside).toMatchObject({ code: "FORBIDDEN", details: { reason: "outsideBranch" } });
    for (const email of [w.sam.user.email, "nobody-here@example.com"])
      expect(
        await appErrorOf(
          grantVirtualAccount.execute(vera, {
            accountId: w.own.id,
            email,
            virtualAccountId: w.va.emea.id,
            role: "USER",
          }),
        ),
      ).toMatchObject({ code: "NOT_FOUND", details: { reason: "memberUnknown" } });
    // Max has a role in Americas too: she may take away his France role, not end his membership.
    expect(
      await appErrorOf(removeMember.execute(vera, { membershipId: w.max.membership.id })),
    ).toMatchObject({ code: "FORBIDDEN", details: { reason: "outsideBranch" } });
    // Sam, Smart-Account-wide, is invisible to her.
    expect(
      (
        await appErrorOf(
          extendMembership.execute(vera, { membershipId: w.sam.membership.id, endsInDays: 90 }),
        )
      ).code,
    ).toBe("NOT_FOUND");
    // France with its sub-accounts stays inside EMEA: that change is hers to make.
    expect(
      await changeMemberGrant.execute(vera, {
        membershipId: w.emma.membership.id,
        virtualAccountId: w.va.france.id,
        role: "ADMIN",
        includeSubAccounts: true,
      }),
    ).toEqual({ outcome: "changed" });
    expect(
      await db.auditEvent.count({
        where: { subjectId: w.emma.membership.id, action: "membership.grantChanged" },
      }),
    ).toBe(1);
  });

  it("a Virtual Account Administrator gives a member a role in their branch, and a member already there gets it changed", async () => {
    const w = await createWorld();
    const vera = as(w, "vaAdmin");
    // Ana (Americas only) is a member of the account: Vera may give her a role in EMEA.
    expect(
      await grantVirtualAccount.execute(vera, {
        accountId: w.own.id,
        email: w.ana.user.email.toUpperCase(),
        virtualAccountId: w.va.emea.id,
        role: "VIEWER",
        includeSubAccounts: true,
      }),
    ).toEqual({ outcome: "granted", membershipId: w.ana.membership.id });
    expect(
      await grantVirtualAccount.execute(vera, {
        accountId: w.own.id,
        email: w.ana.user.email,
        virtualAccountId: w.va.emea.id,
        role: "USER",
        includeSubAccounts: true,
      }),
    ).toEqual({ outcome: "changed", membershipId: w.ana.membership.id });
    expect((await members(vera, w.own.id))!.members.map((m) => m.user.email)).toContain(
      w.ana.user.email,
    );
  });
});

describe("changing a member's access (Smart Account Administrators)", () => {
  it("the entire account ↔ selected virtual accounts, audited, emailed in the member's language, with a webhook-ready change", async () => {
    const w = await createWorld();
    const admin = as(w, "admin");
    const samFr = await db.user.update({ where: { id: w.sam.user.id }, data: { locale: "fr" } });
    const grants = [
      { virtualAccountId: w.va.emea.id, role: "USER" as const, includeSubAccounts: true },
    ];
    expect(
      (
        await changeMemberAccess.execute(admin, {
          membershipId: w.sam.membership.id,
          access: { scope: "VIRTUAL_ACCOUNTS", grants },
        })
      ).outcome,
    ).toBe("changed");
    const after = await db.membership.findUniqueOrThrow({
      where: { id: w.sam.membership.id },
      include: { grants: true },
    });
    expect(after.scope).toBe("VIRTUAL_ACCOUNTS");
    expect(after.grants.map((g) => [g.virtualAccountId, g.role, g.includeSubAccounts])).toEqual([
      [w.va.emea.id, "USER", true],
    ]);
    // Sam now shows in Vera's branch.
    expect((await members(as(w, "vaAdmin"), w.own.id))!.members.map((m) => m.user.email)).toContain(
      samFr.email,
    );
    expect(
      (
        await changeMemberAccess.execute(admin, {
          membershipId: w.sam.membership.id,
          access: { scope: "VIRTUAL_ACCOUNTS", grants },
        })
      ).outcome,
    ).toBe("unchanged");
    await changeMemberAccess.execute(admin, {
      membershipId: w.sam.membership.id,
      access: { scope: "ACCOUNT", role: "VIEWER" },
    });
    const back = await db.membership.findUniqueOrThrow({
      where: { id: w.sam.membership.id },
      include: { grants: true },
    });
    expect([back.scope, back.role, back.grants.length]).toEqual(["ACCOUNT", "VIEWER", 0]);
    expect(
      await db.auditEvent.count({
        where: { subjectId: w.sam.membership.id, action: "membership.accessChanged" },
      }),
    ).toBe(2);
    const mails = (await emailsOf(w)).filter((m) => m.template === "membership-access-changed");
    expect(mails).toEqual([
      { to: samFr.email, template: "membership-access-changed", locale: "fr" },
      { to: samFr.email, template: "membership-access-changed", locale: "fr" },
    ]);
  });

  it("the last Smart Account Administrator cannot be moved to virtual accounts; a scoped member's role is not changed as a Smart Account role", async () => {
    const account = await createAccount();
    const admin = await createUser();
    const own = await createMembership(admin.id, account.id, "ADMIN");
    const byDefault = await defaultVirtualAccountOf(account.id);
    expect(
      await appErrorOf(
        changeMemberAccess.execute(actorOf(admin), {
          membershipId: own.id,
          access: {
            scope: "VIRTUAL_ACCOUNTS",
            grants: [{ virtualAccountId: byDefault.id, role: "ADMIN", includeSubAccounts: true }],
          },
        }),
      ),
    ).toMatchObject({ code: "CONFLICT", details: { reason: "lastAdmin" } });
    const scoped = await scopedMember(account.id, [{ on: byDefault.id, role: "USER" }]);
    expect(
      await appErrorOf(
        changeMemberRole.execute(actorOf(admin), {
          membershipId: scoped.membership.id,
          role: "ADMIN",
        }),
      ),
    ).toMatchObject({ code: "CONFLICT", details: { reason: "virtualAccountsScope" } });
    expect(
      (await db.membership.findUniqueOrThrow({ where: { id: scoped.membership.id } })).role,
    ).toBe("VIEWER");
  });

  it("hostile input is refused with a 4xx code: another account's virtual account, too many, twice, no scope", async () => {
    const w = await createWorld();
    const admin = as(w, "admin");
    const change = (access: unknown) =>
      appErrorOf(changeMemberAccess.execute(admin, { membershipId: w.sam.membership.id, access }));
    const grant = (virtualAccountId: string) => ({ virtualAccountId, role: "USER" });
    expect(
      await change({ scope: "VIRTUAL_ACCOUNTS", grants: [grant(w.va.region.id)] }),
    ).toMatchObject({
      code: "CONFLICT",
      details: { reason: "virtualAccountUnknown" },
    });
    for (const access of [
      { scope: "VIRTUAL_ACCOUNTS", grants: Array.from({ length: 51 }, (_, i) => grant(`va-${i}`)) },
      { scope: "VIRTUAL_ACCOUNTS", grants: [grant(w.va.emea.id), grant(w.va.emea.id)] },
      { scope: "VIRTUAL_ACCOUNTS", grants: [] },
      { scope: "EVERYTHING", role: "ADMIN" },
      { scope: "ACCOUNT", role: "OWNER" },
      null,
    ])
      expect((await change(access)).code, JSON.stringify(access).slice(0, 60)).toBe("VALIDATION");
    expect(
      (
        await appErrorOf(
          grantVirtualAccount.execute(as(w, "vaAdmin"), {
            accountId: w.own.id,
            email: "not an email",
            virtualAccountId: w.va.emea.id,
            role: "USER",
          }),
        )
      ).code,
    ).toBe("VALIDATION");
    expect((await members(as(w, "admin"), w.own.id, { va: "x".repeat(5000) }))!.total).toBe(11);
  });
});
