import type { z } from "zod";
import { validationError } from "@/lib/actions/mutation";
import { administeredAccounts } from "@/lib/admin/authority";
import { listAccountMembers } from "@/lib/admin/members";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { pageNumber } from "@/lib/pagination/page-number";
import type { accessCheck, accountList, memberPage } from "./contract";
import { memberParams } from "./contract";
import { withinTokenAccounts, type ApiCaller } from "./token-auth";

/** The accounts the token reaches now: those its creator administers, within its own limit. */
export async function listAccountsForCaller(caller: ApiCaller): Promise<z.input<typeof accountList>> {
  const accounts = await administeredAccounts(db, caller.creator.id);
  return { data: accounts.filter((account) => withinTokenAccounts(caller, account.id)) };
}

/** Who has access to an account (the members page's read: it checks the creator administers it). */
export async function listMembersForCaller(caller: ApiCaller, accountId: string, page: string | undefined): Promise<z.input<typeof memberPage>> {
  const list = withinTokenAccounts(caller, accountId) ? await listAccountMembers(caller.creator, accountId, pageNumber(page)) : null;
  if (!list) throw new AppError("NOT_FOUND", "No such account");
  return {
    data: list.members.map((membership) => ({
      email: membership.user.email,
      firstName: membership.user.firstName,
      lastName: membership.user.lastName,
      company: membership.user.company,
      role: membership.role,
      active: membership.active,
      userDisabled: membership.user.disabledAt !== null,
      since: membership.createdAt.toISOString(),
    })),
    page: list.page,
    pageCount: list.pageCount,
    total: list.total,
  };
}

/** The access check's path parameters: an account id and an email address (stored lower-case). */
export function accessCheckParams(params: Record<string, string>): { accountId: string; email: string } {
  const parsed = memberParams.safeParse(params);
  if (!parsed.success) throw validationError(parsed.error);
  return { accountId: parsed.data.accountId, email: parsed.data.email.toLowerCase() };
}

export type AccessCheckBody = z.input<typeof accessCheck>;
