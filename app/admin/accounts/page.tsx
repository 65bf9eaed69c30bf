import type { Metadata } from "next";
import Link from "next/link";
import { cell, DataTable } from "@/components/ui/data-table";
import { getTranslations } from "next-intl/server";
import { PageHeading } from "@/components/ui/page-heading";
import { card, linkText } from "@/components/ui/styles";
import { listAdministeredAccounts } from "@/lib/admin/members";
import { requireSignedInPage } from "@/lib/auth/page-guard";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.accounts"))("title") };
}

export default async function AdminAccountsPage() {
  const user = await requireSignedInPage("/admin/accounts");
  const [t, tMembers, tIntegrations, accounts] = await Promise.all([
    getTranslations("admin.accounts"),
    getTranslations("memberships.members"),
    getTranslations("integrations.nav"),
    listAdministeredAccounts(user),
  ]);
  return (
    <div className="space-y-6">
      <p className="flex flex-wrap gap-x-4">
        <Link href="/admin/requests" className={linkText}>
          {t("back")}
        </Link>
        <Link href="/admin/tokens" className={linkText}>
          {tIntegrations("tokens")}
        </Link>
        <Link href="/admin/webhooks" className={linkText}>
          {tIntegrations("webhooks")}
        </Link>
      </p>
      <PageHeading title={t("title")}>
        <p>{t("intro")}</p>
      </PageHeading>
      {accounts.length === 0 ? (
        <p className={card}>{t("empty")}</p>
      ) : (
        <DataTable
          caption={t("caption")}
          columns={[
            { key: "name", label: t("name") },
            { key: "pending", label: t("pending") },
            { key: "members", label: t("members") },
            { key: "actions", label: t("actions") },
          ]}
        >
          {accounts.map((account) => (
            <tr key={account.id}>
              <th scope="row" className={`${cell} font-medium`}>
                {account.name}
                {account.manages === "branch" ? (
                  <span className="block text-sm font-normal text-slate-700">
                    {tMembers("branchOnly")}
                  </span>
                ) : null}
              </th>
              <td className={cell}>{account.pending ?? tMembers("noRequests")}</td>
              <td className={cell}>{account.members}</td>
              <td className={cell}>
                <div className="flex flex-wrap gap-x-4 gap-y-1">
                  {/* A Virtual Account Administrator decides no request: no queue to open. */}
                  {account.manages === "account" ? (
                    <Link
                      href={`/admin/requests?account=${encodeURIComponent(account.id)}`}
                      className={linkText}
                    >
                      {t("viewRequests", { account: account.name })}
                    </Link>
                  ) : null}
                  <Link
                    href={`/admin/accounts/${encodeURIComponent(account.id)}/members`}
                    className={linkText}
                  >
                    {t("viewMembers", { account: account.name })}
                  </Link>
                </div>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </div>
  );
}
