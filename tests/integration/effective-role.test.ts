import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import type { MembershipRole } from "@/lib/generated/prisma/enums";
import { effectiveRole, type EffectiveRole } from "@/lib/virtual-accounts/effective-role";
import {
  createAccount,
  createGrant,
  createMembership,
  createUser,
  createVirtualAccount,
  defaultVirtualAccountOf,
} from "../factories";

/*
 * "Effective role" of a person on a virtual account (lib/virtual-accounts/effective-role.ts, the SQL
 * function effective_role), one table of cases: the highest of the Smart Account role and the
 * grants on the virtual account or on an ancestor granted with its sub-accounts, of a membership in
 * force of a user not disabled. Each case builds account X's tree
 *
 *   X ─┬─ DEFAULT
 *      ├─ L1 ─┬─ L2 ── L3 ── L4 ── L5 ── L6   (a chain 6 levels deep, the most there may be)
 *      │      └─ Sibling
 *      └─ Other root
 *
 * and account Y (its DEFAULT), gives the person the case's membership of X and grants, and asks
 * their effective role on one of them.
 */

const HOUR_MS = 3600_000;
const chain = ["L1", "L2", "L3", "L4", "L5", "L6"] as const;
type Node = (typeof chain)[number] | "DEFAULT" | "Sibling" | "Other root" | "Y's DEFAULT";

interface Case {
  name: string;
  /** The person's membership of X (none when absent). */
  membership?: {
    role: MembershipRole;
    scope?: "ACCOUNT" | "VIRTUAL_ACCOUNTS";
    endsInHours?: number;
    ended?: boolean;
  };
  grants?: { on: Node; role: MembershipRole; includeSubAccounts?: boolean }[];
  disabled?: boolean;
  /** The virtual account asked about, and the account given with it (X unless told). */
  ask: Node;
  askAccount?: "X" | "Y";
  expected: EffectiveRole | null;
}

const onVirtualAccounts = (role: MembershipRole = "VIEWER") =>
  ({ role, scope: "VIRTUAL_ACCOUNTS" }) as const;

const cases: Case[] = [
  { name: "no membership", ask: "L1", expected: null },
  {
    name: "Smart Account role only, on DEFAULT",
    membership: { role: "ADMIN" },
    ask: "DEFAULT",
    expected: { role: "ADMIN", heldAs: "account" },
  },
  {
    name: "Smart Account role only, deep in the tree",
    membership: { role: "VIEWER" },
    ask: "L4",
    expected: { role: "VIEWER", heldAs: "account" },
  },
  {
    name: "direct grant",
    membership: onVirtualAccounts(),
    grants: [{ on: "L2", role: "USER" }],
    ask: "L2",
    expected: { role: "USER", heldAs: "direct" },
  },
  {
    name: "inherited: granted on an ancestor with its sub-accounts",
    membership: onVirtualAccounts(),
    grants: [{ on: "L1", role: "ADMIN", includeSubAccounts: true }],
    ask: "L3",
    expected: { role: "ADMIN", heldAs: "inherited" },
  },
  {
    name: "a grant with sub-accounts holds on the virtual account itself",
    membership: onVirtualAccounts(),
    grants: [{ on: "L1", role: "USER", includeSubAccounts: true }],
    ask: "L1",
    expected: { role: "USER", heldAs: "direct" },
  },
  {
    name: "not inherited: granted on the parent without its sub-accounts",
    membership: onVirtualAccounts(),
    grants: [{ on: "L1", role: "ADMIN" }],
    ask: "L2",
    expected: null,
  },
  {
    name: "a grant below gives nothing above",
    membership: onVirtualAccounts(),
    grants: [{ on: "L3", role: "ADMIN", includeSubAccounts: true }],
    ask: "L2",
    expected: null,
  },
  {
    name: "a grant with sub-accounts gives nothing to a sibling",
    membership: onVirtualAccounts(),
    grants: [{ on: "L2", role: "ADMIN", includeSubAccounts: true }],
    ask: "Sibling",
    expected: null,
  },
  {
    name: "a grant gives nothing on another root (nor on DEFAULT)",
    membership: onVirtualAccounts(),
    grants: [{ on: "L1", role: "ADMIN", includeSubAccounts: true }],
    ask: "DEFAULT",
    expected: null,
  },
  {
    name: "highest wins: an inherited ADMIN over a direct VIEWER",
    membership: onVirtualAccounts(),
    grants: [
      { on: "L3", role: "VIEWER" },
      { on: "L1", role: "ADMIN", includeSubAccounts: true },
    ],
    ask: "L3",
    expected: { role: "ADMIN", heldAs: "inherited" },
  },
  {
    name: "highest wins: a direct ADMIN over an inherited USER",
    membership: onVirtualAccounts(),
    grants: [
      { on: "L1", role: "USER", includeSubAccounts: true },
      { on: "L3", role: "ADMIN" },
    ],
    ask: "L3",
    expected: { role: "ADMIN", heldAs: "direct" },
  },
  {
    name: "equal roles: held directly rather than inherited",
    membership: onVirtualAccounts(),
    grants: [
      { on: "L1", role: "USER", includeSubAccounts: true },
      { on: "L2", role: "USER", includeSubAccounts: true },
      { on: "L3", role: "USER" },
    ],
    ask: "L3",
    expected: { role: "USER", heldAs: "direct" },
  },
  {
    name: "the nearest of two inherited grants does not matter, the highest does",
    membership: onVirtualAccounts(),
    grants: [
      { on: "L1", role: "USER", includeSubAccounts: true },
      { on: "L4", role: "VIEWER", includeSubAccounts: true },
    ],
    ask: "L5",
    expected: { role: "USER", heldAs: "inherited" },
  },
  {
    name: "a membership of virtual accounts holds no Smart Account role (its `role` counts for nothing)",
    membership: onVirtualAccounts("ADMIN"),
    ask: "DEFAULT",
    expected: null,
  },
  {
    name: "depth 6: a grant on the first level reaches the sixth",
    membership: onVirtualAccounts(),
    grants: [{ on: "L1", role: "VIEWER", includeSubAccounts: true }],
    ask: "L6",
    expected: { role: "VIEWER", heldAs: "inherited" },
  },
  {
    name: "depth 6: a direct grant on the sixth level",
    membership: onVirtualAccounts(),
    grants: [{ on: "L6", role: "ADMIN" }],
    ask: "L6",
    expected: { role: "ADMIN", heldAs: "direct" },
  },
  {
    name: "Smart Account role until tomorrow",
    membership: { role: "USER", endsInHours: 24 },
    ask: "L2",
    expected: { role: "USER", heldAs: "account" },
  },
  {
    name: "Smart Account role whose end date passed an hour ago (not yet swept)",
    membership: { role: "ADMIN", endsInHours: -1 },
    ask: "DEFAULT",
    expected: null,
  },
  {
    name: "grants of a membership whose end date passed",
    membership: { ...onVirtualAccounts(), endsInHours: -1 },
    grants: [{ on: "L1", role: "ADMIN", includeSubAccounts: true }],
    ask: "L2",
    expected: null,
  },
  {
    name: "Smart Account role of an ended membership",
    membership: { role: "ADMIN", ended: true },
    ask: "DEFAULT",
    expected: null,
  },
  {
    name: "grants of an ended membership",
    membership: { ...onVirtualAccounts(), ended: true },
    grants: [{ on: "L2", role: "USER" }],
    ask: "L2",
    expected: null,
  },
  {
    name: "Smart Account role of a disabled user",
    membership: { role: "ADMIN" },
    disabled: true,
    ask: "L1",
    expected: null,
  },
  {
    name: "grants of a disabled user",
    membership: onVirtualAccounts(),
    grants: [{ on: "L1", role: "ADMIN", includeSubAccounts: true }],
    disabled: true,
    ask: "L1",
    expected: null,
  },
  {
    name: "another account's virtual account, asked as X's",
    membership: { role: "ADMIN" },
    ask: "Y's DEFAULT",
    askAccount: "X",
    expected: null,
  },
  {
    name: "another account's virtual account, asked as Y's",
    membership: { role: "ADMIN" },
    ask: "Y's DEFAULT",
    askAccount: "Y",
    expected: null,
  },
];

async function worldOf(kase: Case) {
  const [x, y, person] = await Promise.all([createAccount(), createAccount(), createUser()]);
  const nodes = new Map<Node, string>();
  nodes.set("DEFAULT", (await defaultVirtualAccountOf(x.id)).id);
  nodes.set("Y's DEFAULT", (await defaultVirtualAccountOf(y.id)).id);
  nodes.set("Other root", (await createVirtualAccount(x.id, { name: "Other root" })).id);
  let parentId: string | null = null;
  for (const name of chain) {
    parentId = (await createVirtualAccount(x.id, { parentId, name })).id;
    nodes.set(name, parentId);
  }
  nodes.set(
    "Sibling",
    (await createVirtualAccount(x.id, { parentId: nodes.get("L1")!, name: "Sibling" })).id,
  );

  if (kase.membership) {
    const { role, scope, endsInHours, ended } = kase.membership;
    const membership = await createMembership(person.id, x.id, role, {
      scope: scope ?? "ACCOUNT",
      endsAt: endsInHours === undefined ? null : new Date(Date.now() + endsInHours * HOUR_MS),
    });
    for (const grant of kase.grants ?? [])
      await createGrant(membership.id, nodes.get(grant.on)!, grant.role, grant);
    if (ended)
      await db.membership.update({
        where: { id: membership.id },
        data: { active: false, endedAt: new Date(Date.now() - HOUR_MS), endCause: "REMOVED" },
      });
  }
  if (kase.disabled)
    await db.user.update({ where: { id: person.id }, data: { disabledAt: new Date() } });
  return { person, accountId: kase.askAccount === "Y" ? y.id : x.id, asked: nodes.get(kase.ask)! };
}

describe("effective role on a virtual account: one rule", () => {
  it.each(cases)("$name", async (kase) => {
    const world = await worldOf(kase);
    expect(await effectiveRole(world.person.id, world.accountId, world.asked)).toEqual(
      kase.expected,
    );
  });
});
