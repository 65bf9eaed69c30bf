import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
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
import { grantableRolesFor, mayManageMember, type Role } from "@/lib/memberships/rules";
import { parseMembersFilters } from "@/lib/memberships/schema";
import { displayName } from "@/lib/people";

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
  const [t, format, tVirtualAccounts] = await Promise.all([
    getTranslations("memberships"),
    getFormatter(),
    getTranslations("virtualAccounts"),
  ]);
  const { account } = list;
  const date = (value: Date) => format.dateTime(value, shortDate);
  // Support staff see the members read-only, like the rest of the dashboard.
  const manages = canDecide(user);
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
    const mayAct = manages && member.active && mayManageMember(list.actorRole, member.role);
    const lastAdmin = lastAdminOf(member);
    const request = member.grantedByRequest;
    return {
      id: member.id,
      name: displayName(member.user),
      email: member.user.email,
      isYou: member.user.id === user.id,
      role: member.role as Role,
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
        role: mayAct && !lastAdmin,
        remove: mayAct && !lastAdmin,
        extend: mayAct && Boolean(member.endsAt),
      },
    };
  });
  const soleAdministrator = manages && list.activeAdmins === 1 && list.actorRole === "ADMIN";
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
        <p>{t("members.intro")}</p>
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
      />
      <p className="text-sm text-slate-700" aria-live="polite">
        {t("members.total", { count: list.total })}
      </p>
      <MembersTable
        rows={rows}
        caption={t("members.caption", { account: account.name })}
        account={account}
        grantableRoles={grantableRolesFor(list.actorRole)}
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
