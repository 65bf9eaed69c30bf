import type { Metadata } from "next";
import Link from "next/link";
import { cell, DataTable } from "@/components/ui/data-table";
import { notFound, redirect } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeading } from "@/components/ui/page-heading";
import { numberedPageLinks, Pagination } from "@/components/ui/pagination";
import { card, linkText } from "@/components/ui/styles";
import { listAccountMembers } from "@/lib/admin/members";
import { getCurrentUser } from "@/lib/auth/current-user";
import { displayName } from "@/lib/people";
import { shortDate } from "@/components/ui/date-formats";
import { pageNumber } from "@/lib/pagination/page-number";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.accounts"))("title") };
}

interface Props {
  params: Promise<{ accountId: string }>;
  searchParams: Promise<{ page?: string }>;
}

export default async function AccountMembersPage({ params, searchParams }: Props) {
  const [{ accountId }, { page }] = await Promise.all([params, searchParams]);
  const path = `/admin/accounts/${encodeURIComponent(accountId)}/members`;
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent(path)}`);
  const list = await listAccountMembers(user, accountId, pageNumber(page));
  if (!list) notFound();
  const [t, tRoles, format] = await Promise.all([getTranslations("admin.members"), getTranslations("requests.roles"), getFormatter()]);
  const { account } = list;

  return (
    <div className="space-y-6">
      <p>
        <Link href="/admin/accounts" className={linkText}>{t("back")}</Link>
      </p>
      <PageHeading title={t("title", { account: account.name })}>
        <p>{t("intro")}</p>
        <p className="mt-1 text-sm">{t("total", { count: list.total })}</p>
      </PageHeading>
      {list.total === 0 ? (
        <p className={card}>{t("empty")}</p>
      ) : (
        <DataTable
          caption={t("caption", { account: account.name })}
          columns={(["name", "email", "company", "role", "status", "since"] as const).map((key) => ({ key, label: t(key) }))}
        >
          {list.members.map((member) => (
            <tr key={member.id} className={member.active ? undefined : "text-slate-600"}>
              <th scope="row" className={`${cell} font-medium`}>{displayName(member.user)}</th>
              <td className={`${cell} break-all`}>{member.user.email}</td>
              <td className={cell}>{member.user.company ?? "—"}</td>
              <td className={cell}>{tRoles(member.role)}</td>
              <td className={cell}>{member.user.disabledAt ? t("disabled") : member.active ? t("active") : t("inactive")}</td>
              <td className={`${cell} whitespace-nowrap`}>{format.dateTime(member.createdAt, shortDate)}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <Pagination
        label={t("pagination")}
        {...numberedPageLinks(list.page, list.pageCount, (target) => `${path}?page=${target}`, { previous: t("previous"), next: t("next") })}
        position={t("pageOf", { page: list.page, pageCount: list.pageCount })}
      />
    </div>
  );
}
