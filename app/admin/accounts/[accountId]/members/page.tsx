import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { AddPeopleDialog } from "@/components/admin/add-people-dialog";
import { MemberFiltersForm } from "@/components/admin/member-filters";
import { MembersTable, type MemberTableRow } from "@/components/admin/members-table";
import { AskSupport } from "@/components/memberships/ask-support";
import { shortDate } from "@/components/ui/date-formats";
import { Notice } from "@/components/ui/notice";
import { PageHeading } from "@/components/ui/page-heading";
import { Pagination } from "@/components/ui/pagination";
import { card, linkText } from "@/components/ui/styles";
import { canDecide } from "@/lib/admin/authority";
import { requireSignedInPage } from "@/lib/auth/page-guard";
import { isActiveAdministrator } from "@/lib/memberships/active-admin";
import { listAccountMembers, type MemberRow } from "@/lib/memberships/list-members";
import { membersHref } from "@/lib/memberships/members-url";
import {
  grantableRolesFor,
  mayManageMember,
  membershipRoles,
  type Role,
} from "@/lib/memberships/rules";
import { parseMembersFilters } from "@/lib/memberships/schema";
import { displayName } from "@/lib/people";
import { describeAccess, virtualAccountPath } from "@/lib/virtual-accounts/describe";
import { virtualAccountTreeFor } from "@/lib/virtual-accounts/tree";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.accounts"))("title") };
}

interface Props {
  params: Promise<{ accountId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}

export default async function AccountMembersPage({ params, searchParams }: Props) {
  const [{ accountId }, query] = await Promise.all([params, searchParams]);
  const filters = parseMembersFilters(query);
  const user = await requireSignedInPage(membersHref(accountId, filters));
  const list = await listAccountMembers(user, accountId, filters);
  if (!list) notFound();
  const [t, tAll, format, tVirtualAccounts] = await Promise.all([
    getTranslations("memberships"),
    getTranslations(),
    getFormatter(),
    getTranslations("virtualAccounts"),
  ]);
  const { account } = list;
  const date = (value: Date) => format.dateTime(value, shortDate);
  // Support staff see the members read-only, like the rest of the dashboard.
  const manages = canDecide(user);
  // A Virtual Account Administrator (issue 27) manages the grants inside their branch, not the
  // Smart Account roles; the list holds only their branch's members and grants.
  const actorRole = list.actorRole;
  const wholeSubtree = new Set(
    list.virtualAccounts.filter((va) => va.wholeSubtree).map((va) => va.id),
  );
  // describeAccess takes keys of the whole catalog (memberships.scope.*), as the emails do.
  const tScope = (key: string, values?: Record<string, string>) =>
    tAll(key as never, values as never);
  const pathOf = (names: string[]) => virtualAccountPath(tScope, names);
  const lastAdminOf = (member: MemberRow) =>
    isActiveAdministrator(member, member.user) && list.activeAdmins <= 1;

  const untilOf = (member: MemberRow): string => {
    if (!member.active)
      return t(`members.ended.${member.endCause ?? "unknown"}`, {
        date: date(member.endedAt ?? member.grantedAt),
      });
    return member.endsAt ? date(member.endsAt) : t("members.noEnd");
  };

  const rows: MemberTableRow[] = list.members.map((member) => {
    const accountWide = member.access.scope === "ACCOUNT";
    const mayAct =
      manages &&
      member.active &&
      (actorRole ? mayManageMember(actorRole, member.role) : !member.accessBeyondBranch);
    const lastAdmin = lastAdminOf(member);
    const request = member.grantedByRequest;
    return {
      id: member.id,
      name: displayName(member.user),
      email: member.user.email,
      isYou: member.user.id === user.id,
      role: member.role as Role,
      scope: {
        entireAccount: accountWide,
        lines: describeAccess(tScope, member.access),
        beyondBranch: member.accessBeyondBranch,
      },
      grants:
        member.access.scope === "VIRTUAL_ACCOUNTS"
          ? member.access.grants.map((grant) => ({
              virtualAccountId: grant.virtualAccountId,
              path: pathOf(grant.path),
              role: grant.role,
              includeSubAccounts: grant.includeSubAccounts,
              wholeSubtree: wholeSubtree.has(grant.virtualAccountId),
              line: describeAccess(tScope, { scope: "VIRTUAL_ACCOUNTS", grants: [grant] })[0]!,
            }))
          : [],
      since: date(member.grantedAt),
      until: untilOf(member),
      endsOn: member.endsAt ? date(member.endsAt) : null,
      grantedBy: request
        ? {
            text: t("members.grantedByRequest", {
              date: date(request.decidedAt ?? member.grantedAt),
            }),
            // Nobody reviews their own request on the dashboard: no link to it.
            href: request.requesterId === user.id ? null : `/admin/requests/${request.id}`,
            by: request.decidedBy ? displayName(request.decidedBy) : null,
          }
        : null,
      lastSignIn: member.user.lastSignInAt ? date(member.user.lastSignInAt) : t("members.never"),
      active: member.active,
      disabled: Boolean(member.user.disabledAt),
      lastAdmin,
      can: {
        role: mayAct && accountWide && !lastAdmin,
        remove: mayAct && !lastAdmin,
        extend: mayAct && Boolean(member.endsAt),
        grants: manages && member.active && !accountWide,
      },
    };
  });
  const soleAdministrator = manages && list.activeAdmins === 1 && actorRole === "ADMIN";
  const virtualAccounts = list.virtualAccounts.map((va) => ({
    id: va.id,
    path: pathOf(va.path),
    wholeSubtree: va.wholeSubtree,
  }));
  // "Add people" (issue 28) offers the virtual accounts the viewer manages (every one for a Smart
  // Account Administrator, their branch for a Virtual Account Administrator), in tree order. The
  // server decides again.
  const addPeopleTree = list.virtualAccounts;
  const pageHref = (change: { after?: string; before?: string }) =>
    membersHref(account.id, filters, { after: change.after, before: change.before });

  return (
    <div className="space-y-6">
      <p>
        <Link href="/admin/accounts" className={linkText}>
          {t("members.back")}
        </Link>
      </p>
      <PageHeading title={t("members.title", { account: account.name })}>
        <p>{actorRole ? t("members.intro") : t("members.branchIntro")}</p>
        {manages ? (
          <div className="mt-3">
            <AddPeopleDialog
              accountId={account.id}
              accountName={account.name}
              roles={actorRole ? grantableRolesFor(actorRole) : membershipRoles}
              tree={addPeopleTree.length ? addPeopleTree : null}
              wholeAccount={Boolean(actorRole)}
            />
          </div>
        ) : null}
        <p className="mt-2">
          <Link
            href={`/admin/accounts/${encodeURIComponent(account.id)}/virtual-accounts`}
            className={linkText}
          >
            {tVirtualAccounts("membersLink")}
          </Link>
        </p>
      </PageHeading>
      {soleAdministrator ? (
        <div className="space-y-3">
          <Notice tone="info" title={t("members.lastAdmin")}>
            {t("members.lastAdminHelp", { account: account.name })}
          </Notice>
          <AskSupport accountId={account.id} accountName={account.name} />
        </div>
      ) : null}
      {/* Keyed by the filters: its fields are uncontrolled and must show the URL after a client-side navigation. */}
      <MemberFiltersForm
        key={membersHref(account.id, filters)}
        action={membersHref(account.id, {})}
        filters={filters}
        clearHref={membersHref(account.id, {})}
        virtualAccounts={virtualAccounts}
      />
      <p className="text-sm text-slate-700" aria-live="polite">
        {t("members.total", { count: list.total })}
      </p>
      <MembersTable
        rows={rows}
        caption={t("members.caption", { account: account.name })}
        account={account}
        grantableRoles={actorRole ? grantableRolesFor(actorRole) : []}
        virtualAccounts={manages ? virtualAccounts : []}
        tree={manages && actorRole ? await virtualAccountTreeFor(user, account.id) : null}
        empty={<p className={card}>{t("members.empty")}</p>}
      />
      <Pagination
        label={t("members.pagination")}
        first={list.previous ? { href: pageHref({}), text: t("members.first") } : null}
        previous={
          list.previous
            ? { href: pageHref({ before: list.previous }), text: t("members.previous") }
            : null
        }
        next={list.next ? { href: pageHref({ after: list.next }), text: t("members.next") } : null}
      />
    </div>
  );
}
