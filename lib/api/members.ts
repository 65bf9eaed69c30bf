import type { z } from "zod";
import { validationError } from "@/lib/actions/mutation";
import { administeredAccounts } from "@/lib/admin/authority";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { listAccountMembers } from "@/lib/memberships/list-members";
import { membersFiltersSchema } from "@/lib/memberships/schema";
import type { AccessView } from "@/lib/virtual-accounts/grants";
import type { accessCheck, accountList, memberPage } from "./contract";
import { accessCheckQuery, accountParams, memberListQuery, memberParams } from "./contract";
import { withinTokenAccounts, type ApiCaller } from "./token-auth";

/** The accounts the token reaches now: those its creator administers, within its own limit. */
export async function listAccountsForCaller(
  caller: ApiCaller,
): Promise<z.input<typeof accountList>> {
  const accounts = await administeredAccounts(db, caller.creator.id);
  return { data: accounts.filter((account) => withinTokenAccounts(caller, account.id)) };
}

/**
 * A member's scope as the API says it (the access check's and approve's words): the Smart Account
 * role, or null with the virtual accounts granted, their paths of names from the root down. Never the
 * placeholder role a membership of selected virtual accounts keeps in its row.
 */
export function memberScopeFields(access: AccessView) {
  return access.scope === "ACCOUNT"
    ? { scope: "account" as const, role: access.role, virtualAccounts: [] }
    : {
        scope: "virtualAccounts" as const,
        role: null,
        virtualAccounts: access.grants.map((grant) => ({
          id: grant.virtualAccountId,
          path: grant.path,
          role: grant.role,
          includeSubAccounts: grant.includeSubAccounts,
        })),
      };
}

/**
 * Who has access to an account, filtered and keyset-paged as on the members page, whose read it is
 * (it checks the creator administers the account).
 */
export async function listMembersForCaller(
  caller: ApiCaller,
  params: Record<string, string>,
  query: Record<string, string>,
): Promise<z.input<typeof memberPage>> {
  const path = accountParams.safeParse(params);
  if (!path.success) throw validationError(path.error);
  const { accountId } = path.data;
  const strict = memberListQuery.safeParse(query);
  if (!strict.success) throw validationError(strict.error);
  const filters = membersFiltersSchema.parse(strict.data);
  const list = withinTokenAccounts(caller, accountId)
    ? await listAccountMembers(caller.creator, accountId, filters)
    : null;
  // The API's list is a Smart Account Administrator's (a Virtual Account Administrator's branch view
  // is the members page's, issue 27): the same answer as before for anyone else.
  if (!list || list.actorRole === null) throw new AppError("NOT_FOUND", "No such account");
  return {
    data: list.members.map((membership) => ({
      email: membership.user.email,
      firstName: membership.user.firstName,
      lastName: membership.user.lastName,
      company: membership.user.company,
      ...memberScopeFields(membership.access),
      active: membership.active,
      userDisabled: membership.user.disabledAt !== null,
      since: membership.grantedAt.toISOString(),
      until: membership.endsAt?.toISOString() ?? null,
      endedAt: membership.endedAt?.toISOString() ?? null,
    })),
    total: list.total,
    next: list.next,
    previous: list.previous,
  };
}

/** The access check's path parameters: an account id and an email address (stored lower-case). */
export function accessCheckParams(params: Record<string, string>): {
  accountId: string;
  email: string;
} {
  const parsed = memberParams.safeParse(params);
  if (!parsed.success) throw validationError(parsed.error);
  return { accountId: parsed.data.accountId, email: parsed.data.email.toLowerCase() };
}

/**
 * The access check's query: the virtual account asked about (its id), or null. A malformed one is
 * refused (VALIDATION, 400) before the statement runs.
 */
export function accessCheckVirtualAccount(query: Record<string, string>): string | null {
  const parsed = accessCheckQuery.safeParse(query);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data.virtualAccount ?? null;
}

export type AccessCheckBody = z.input<typeof accessCheck>;
