import { z } from "zod";
import { defineMutation } from "@/lib/actions/mutation";
import { AppError } from "@/lib/errors";
import { branchOf } from "@/lib/virtual-accounts/authority";
import { grantInsideBranch } from "@/lib/virtual-accounts/member-grants";
import { scopeGrantSchema } from "@/lib/virtual-accounts/schema";
import { membershipInForceWhere } from "./active-admin";
import { recordGrantChange, accessViewNow } from "./access-change";
import { lockAccountMemberships } from "./authority";
import { membershipNotFound, membershipRefused } from "./refusals";
import { nameOf } from "./summary";

const id = z.string().trim().min(1).max(100);

/** A member of the account, by email, given a role on a virtual account. */
export const grantVirtualAccountSchema = scopeGrantSchema.extend({
  accountId: id,
  email: z
    .string()
    .trim()
    .toLowerCase()
    .max(320)
    .pipe(z.email({ error: "emailInvalid" })),
});

export interface GrantVirtualAccountOutcome {
  outcome: "granted" | "changed" | "unchanged";
  membershipId: string;
}

/** No current member of selected virtual accounts with that address, for this actor: one answer whatever the reason. */
const memberUnknown = () =>
  new AppError("NOT_FOUND", "No such member", {
    reason: "memberUnknown",
    fieldErrors: { email: "memberUnknown" },
  });

/**
 * Someone who manages a branch of virtual accounts (a Virtual Account Administrator, or a Smart
 * Account Administrator, whose branch is the whole account) gives a member of the account a role
 * on a virtual account of that branch, with or without its sub-accounts (issue 27). The person must
 * already be a member of the account with selected virtual accounts (people join an account by
 * requesting access; a Smart-Account-wide member already holds a role everywhere): anyone else, an
 * unknown address included, gets the same NOT_FOUND, so the form reveals no Smart-Account-wide
 * member. A grant they already have there is changed to this one. Audited, a membership.changed
 * webhook, the member emailed, in one transaction.
 */
export const grantVirtualAccount = defineMutation({
  name: "membership.grantVirtualAccount",
  input: grantVirtualAccountSchema,
  async run({ actor, input, tx }): Promise<GrantVirtualAccountOutcome> {
    const now = new Date();
    const inForce = { ...membershipInForceWhere(now), accountId: input.accountId };
    const own = await tx.membership.findFirst({
      where: { ...inForce, userId: actor.id },
      select: { id: true },
    });
    if (!own) throw membershipNotFound();
    const member = await tx.membership.findFirst({
      where: { ...inForce, user: { email: input.email } },
      select: { id: true },
    });
    const lock = await lockAccountMemberships(
      tx,
      input.accountId,
      member ? [member.id, own.id] : [own.id],
      now,
    );
    const branch = await branchOf(tx, actor.id, input.accountId, now);
    if (branch.managed.size === 0) throw membershipNotFound();
    if (!grantInsideBranch(branch, input)) throw membershipRefused("outsideBranch");
    const target = member && lock.rows.get(member.id);
    if (!target?.inForce) throw memberUnknown();
    const { scope } = await tx.membership.findUniqueOrThrow({
      where: { id: target.id },
      select: { scope: true },
    });
    if (scope !== "VIRTUAL_ACCOUNTS") throw memberUnknown();

    const key = { membershipId: target.id, virtualAccountId: input.virtualAccountId };
    const existing = await tx.virtualAccountGrant.findUnique({
      where: { membershipId_virtualAccountId: key },
      select: { role: true, includeSubAccounts: true },
    });
    if (existing && !grantInsideBranch(branch, { ...key, ...existing }))
      throw membershipRefused("outsideBranch");
    if (existing?.role === input.role && existing.includeSubAccounts === input.includeSubAccounts)
      return { outcome: "unchanged", membershipId: target.id };

    const previous = await accessViewNow(tx, target.id);
    const grant = { role: input.role, includeSubAccounts: input.includeSubAccounts };
    await tx.virtualAccountGrant.upsert({
      where: { membershipId_virtualAccountId: key },
      create: { ...key, ...grant },
      update: grant,
    });
    await recordGrantChange(tx, {
      actorId: actor.id,
      actorName: await nameOf(tx, actor.id),
      target,
      previous,
      action: existing ? "membership.grantChanged" : "membership.grantAdded",
      before: existing ? { ...key, ...existing } : {},
      after: { ...key, ...grant },
    });
    return { outcome: existing ? "changed" : "granted", membershipId: target.id };
  },
});
