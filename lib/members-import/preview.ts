import { defineMutation } from "@/lib/actions/mutation";
import type { Actor } from "@/lib/auth/actor";
import { dayStart } from "@/lib/calendar-date";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { isMembershipInForce } from "@/lib/memberships/active-admin";
import { endDateErrorCode, membershipRoles, type Role } from "@/lib/memberships/rules";
import { branchOf, grantWithinBranch, type Branch } from "@/lib/virtual-accounts/authority";
import type { AccessView } from "@/lib/virtual-accounts/grants";
import { MAX_SCOPE_GRANTS, type Access, type ScopeGrant } from "@/lib/virtual-accounts/scope";
import { uuidv7 } from "@/lib/uuidv7";
import { namesOf } from "@/lib/virtual-accounts/tree";
import type { ImportRow, ParsedImport } from "./parse";
import { linesOf, previewImportSchema } from "./schema";

type Tx = Prisma.TransactionClient;

/*
 * What an import will do, line by line (issue 28), resolved against the database in a fixed number
 * of set-based reads whatever the number of lines (the actor's branch and the account's tree, the
 * people, their memberships with grants, their pending requests): the preview shows it, and the
 * commit (./commit.ts) runs it again inside each batch's transaction and applies it.
 */

/** Why a line is refused: a catalog key under membersImport.reasons. */
export type LineRefusal =
  | "notAnEmail"
  | "unknownRole"
  | "unknownVirtualAccount"
  | "ambiguousVirtualAccount"
  | "tooManyVirtualAccounts"
  | "includeSubAccountsInvalid"
  | "dateInvalid"
  | "endInPast"
  | "endTooFar"
  | "disabled"
  | "self"
  | "outsideBranch"
  /** Found only when applying: it would leave the account without a Smart Account Administrator. */
  | "lastAdmin";

export type LineOutcome = "added" | "changed" | "unchanged" | "refused";

export interface PlannedLine {
  line: number;
  address: string;
  email: string | null;
  outcome: LineOutcome;
  reason: LineRefusal | null;
  /** The access the line gives (with the virtual accounts' names), null when refused. */
  access: AccessView | null;
  /** When it ends (ISO), or null for no end. */
  endsAt: string | null;
  /** The member's access before (changed, unchanged), or null. */
  previous: AccessView | null;
  previousEndsAt: string | null;
  /** A pending request of the person for the account, approved by this. */
  pendingRequestId: string | null;
  /** The person has never signed in (or does not exist yet): they get an invitation. */
  invitation: boolean;
  /** The person, when they exist. */
  userId: string | null;
}

export interface ImportPlan {
  accountId: string;
  accountName: string;
  lines: PlannedLine[];
  duplicates: ParsedImport["duplicates"];
  counts: Record<LineOutcome, number>;
}

const ROLE_WORDS: Record<string, Role> = { ADMINISTRATOR: "ADMIN", ADMIN: "ADMIN" };

/** ADMIN, USER or VIEWER in any case (and "administrator"), or null. */
export function roleOf(written: string): Role | null {
  const word = written.trim().toUpperCase();
  if (ROLE_WORDS[word]) return ROLE_WORDS[word];
  return (membershipRoles as readonly string[]).includes(word) ? (word as Role) : null;
}

/** The include_sub_accounts cell: empty or a yes/no word, else null. */
export function yesNoOf(written: string): boolean | null {
  const word = written.trim().toLowerCase();
  if (["", "false", "no", "n", "0", "non"].includes(word)) return false;
  if (["true", "yes", "y", "1", "oui"].includes(word)) return true;
  return null;
}

type TreeNode = Branch["tree"][number];

/**
 * A virtual account written as its id, its path of names ("EMEA/France", or with " / "), or a name
 * found once in the tree ("France"); names compare exactly, else without regard to case when
 * that still finds one.
 */
export function resolveVirtualAccount(
  tree: Map<string, TreeNode>,
  written: string,
): { id: string } | { refusal: "unknownVirtualAccount" | "ambiguousVirtualAccount" } {
  const wanted = written.trim();
  if (tree.has(wanted)) return { id: wanted };
  const segments = wanted
    .split("/")
    .map((segment) => segment.trim())
    .filter(Boolean);
  if (segments.length === 0) return { refusal: "unknownVirtualAccount" };
  const candidates = (compare: (a: string, b: string) => boolean) =>
    [...tree.values()].filter((node) => {
      const names = namesOf(tree, node);
      const tail = segments.length === 1 ? names.slice(-1) : names;
      return (
        tail.length === segments.length && tail.every((name, i) => compare(name, segments[i]!))
      );
    });
  let found = candidates((a, b) => a === b);
  if (found.length === 0) found = candidates((a, b) => a.toLowerCase() === b.toLowerCase());
  if (found.length === 1) return { id: found[0]!.id };
  return { refusal: found.length === 0 ? "unknownVirtualAccount" : "ambiguousVirtualAccount" };
}

/** What the line asks for, or why it cannot be given at all. */
function requestedAccess(
  row: ImportRow,
  tree: Map<string, TreeNode>,
  today: string,
): { access: Access; endsAt: Date | null } | { refusal: LineRefusal } {
  if (row.email === null) return { refusal: "notAnEmail" };
  const role = roleOf(row.role);
  if (!role) return { refusal: "unknownRole" };
  const includeSubAccounts = yesNoOf(row.includeSubAccounts);
  if (includeSubAccounts === null) return { refusal: "includeSubAccountsInvalid" };
  let endsAt: Date | null = null;
  if (row.accessEnds !== "") {
    const problem = endDateErrorCode(row.accessEnds, today);
    if (problem) return { refusal: problem === "date" ? "dateInvalid" : problem };
    endsAt = dayStart(row.accessEnds);
  }
  if (row.virtualAccounts.length === 0) return { access: { scope: "ACCOUNT", role }, endsAt };
  const ids = new Set<string>();
  for (const written of row.virtualAccounts) {
    const found = resolveVirtualAccount(tree, written);
    if ("refusal" in found) return found;
    ids.add(found.id);
  }
  if (ids.size > MAX_SCOPE_GRANTS) return { refusal: "tooManyVirtualAccounts" };
  const grants: ScopeGrant[] = [...ids].map((virtualAccountId) => ({
    virtualAccountId,
    role,
    includeSubAccounts,
  }));
  return { access: { scope: "VIRTUAL_ACCOUNTS", grants }, endsAt };
}

/** The access with names, for people to read. */
function viewOf(access: Access, tree: Map<string, TreeNode>): AccessView {
  if (access.scope === "ACCOUNT") return access;
  return {
    scope: "VIRTUAL_ACCOUNTS",
    grants: access.grants
      .map((grant) => ({ ...grant, path: namesOf(tree, tree.get(grant.virtualAccountId)!) }))
      .sort((a, b) => a.path.join("/").localeCompare(b.path.join("/"))),
  };
}

const grantKey = (grant: ScopeGrant) =>
  `${grant.virtualAccountId}:${grant.role}:${grant.includeSubAccounts}`;

function sameAccess(a: Access, b: Access): boolean {
  if (a.scope === "ACCOUNT") return b.scope === "ACCOUNT" && a.role === b.role;
  if (b.scope === "ACCOUNT") return false;
  const keys = new Set(a.grants.map(grantKey));
  return keys.size === b.grants.length && b.grants.every((grant) => keys.has(grantKey(grant)));
}

/** The account's name and the actor's branch; NOT_FOUND for anyone who manages no part of it. */
export async function importAuthority(
  tx: Tx,
  actor: Actor,
  accountId: string,
  now: Date,
): Promise<{ branch: Branch; accountName: string }> {
  const branch = await branchOf(tx, actor.id, accountId, now);
  if (!branch.wholeAccount && branch.managed.size === 0)
    throw new AppError("NOT_FOUND", "No such account");
  const account = await tx.account.findUniqueOrThrow({
    where: { id: accountId },
    select: { name: true },
  });
  return { branch, accountName: account.name };
}

/**
 * Every line's outcome. Authorization inside: the account's Smart Account Administrators for any
 * line; a Virtual Account Administrator only for grants inside their branch, on people whose
 * current access is inside it too (never the entire account); anyone else: NOT_FOUND.
 */
export async function planImport(
  tx: Tx,
  actor: Actor,
  accountId: string,
  parsed: ParsedImport,
  now: Date = new Date(),
): Promise<ImportPlan> {
  const { branch, accountName } = await importAuthority(tx, actor, accountId, now);
  const tree = new Map(branch.tree.map((node) => [node.id, node]));
  const emails = [...new Set(parsed.rows.flatMap((row) => (row.email ? [row.email] : [])))];
  const users = emails.length
    ? await tx.user.findMany({
        where: { email: { in: emails } },
        select: { id: true, email: true, disabledAt: true, lastSignInAt: true },
      })
    : [];
  const userIds = users.map((user) => user.id);
  const [memberships, pending] = userIds.length
    ? await Promise.all([
        tx.membership.findMany({
          where: { accountId, userId: { in: userIds } },
          select: {
            userId: true,
            role: true,
            scope: true,
            active: true,
            endsAt: true,
            grants: { select: { virtualAccountId: true, role: true, includeSubAccounts: true } },
          },
        }),
        tx.accessRequest.findMany({
          where: {
            accountId,
            requesterId: { in: userIds },
            status: "PENDING",
            expiresAt: { gt: now },
          },
          select: { id: true, requesterId: true },
        }),
      ])
    : [[], []];
  const userByEmail = new Map(users.map((user) => [user.email, user]));
  const membershipOf = new Map(memberships.map((m) => [m.userId, m]));
  const requestOf = new Map(pending.map((request) => [request.requesterId, request.id]));
  const today = now.toISOString().slice(0, 10);

  const lines = parsed.rows.map((row): PlannedLine => {
    const user = row.email ? userByEmail.get(row.email) : undefined;
    const base = {
      line: row.line,
      address: row.address,
      email: row.email,
      userId: user?.id ?? null,
      invitation: !user?.lastSignInAt,
    };
    const refused = (reason: LineRefusal): PlannedLine => ({
      ...base,
      outcome: "refused",
      reason,
      access: null,
      endsAt: null,
      previous: null,
      previousEndsAt: null,
      pendingRequestId: null,
    });
    const wanted = requestedAccess(row, tree, today);
    if ("refusal" in wanted) return refused(wanted.refusal);
    if (user?.id === actor.id) return refused("self");
    if (user?.disabledAt) return refused("disabled");
    const { access, endsAt } = wanted;
    if (
      !branch.wholeAccount &&
      (access.scope === "ACCOUNT" ||
        !access.grants.every((g) =>
          grantWithinBranch(branch, g.virtualAccountId, g.includeSubAccounts),
        ))
    )
      return refused("outsideBranch");
    const membership = user ? membershipOf.get(user.id) : undefined;
    const current =
      membership && isMembershipInForce(membership, now)
        ? membership.scope === "ACCOUNT"
          ? ({ scope: "ACCOUNT", role: membership.role } as const)
          : ({ scope: "VIRTUAL_ACCOUNTS", grants: membership.grants } as const)
        : null;
    // A Virtual Account Administrator replaces only access that is all inside their branch.
    if (
      current &&
      !branch.wholeAccount &&
      (current.scope === "ACCOUNT" ||
        !current.grants.every((g) =>
          grantWithinBranch(branch, g.virtualAccountId, g.includeSubAccounts),
        ))
    )
      return refused("outsideBranch");
    const previousEndsAt = current ? (membership!.endsAt?.toISOString() ?? null) : null;
    const endsAtIso = endsAt?.toISOString() ?? null;
    const outcome: LineOutcome = !current
      ? "added"
      : sameAccess(current, access) && previousEndsAt === endsAtIso
        ? "unchanged"
        : "changed";
    return {
      ...base,
      outcome,
      reason: null,
      access: viewOf(access, tree),
      endsAt: endsAtIso,
      previous: current ? viewOf(current, tree) : null,
      previousEndsAt,
      pendingRequestId: outcome === "unchanged" ? null : (user && requestOf.get(user.id)) || null,
    };
  });
  const counts = { added: 0, changed: 0, unchanged: 0, refused: 0 };
  for (const line of lines) counts[line.outcome] += 1;
  return { accountId, accountName, lines, duplicates: parsed.duplicates, counts };
}

/** The access a planned line gives, for grantMembership (names dropped). */
export function accessOfView(view: AccessView): Access {
  if (view.scope === "ACCOUNT") return view;
  return {
    scope: "VIRTUAL_ACCOUNTS",
    grants: view.grants.map(({ virtualAccountId, role, includeSubAccounts }) => ({
      virtualAccountId,
      role,
      includeSubAccounts,
    })),
  };
}

/**
 * The preview as the dialog asks for it: what each line will do, and the key its confirmation
 * sends (a new one per preview: a corrected file is another import). Reads only; a Mutation so that
 * it gets the doors' checks (input, support staff refused) like the confirmation it precedes.
 */
export const previewImport = defineMutation({
  name: "membersImport.preview",
  input: previewImportSchema,
  run: async ({ actor, input, tx }): Promise<ImportPlan & { key: string }> => ({
    ...(await planImport(tx, actor, input.accountId, linesOf(input.source))),
    key: uuidv7(),
  }),
});
