import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeading } from "@/components/ui/page-heading";
import { card, linkText } from "@/components/ui/styles";
import { listAdministeredAccounts } from "@/lib/admin/members";
import { getCurrentUser } from "@/lib/auth/current-user";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("admin.accounts"))("title") };
}

export default async function AdminAccountsPage() {
  const user = await getCurrentUser();
  if (!user) redirect(`/sign-in?callbackUrl=${encodeURIComponent("/admin/accounts")}`);
  const [t, accounts] = await Promise.all([getTranslations("admin.accounts"), listAdministeredAccounts(user)]);
  return (
    <div className="space-y-6">
      <p>
        <Link href="/admin/requests" className={linkText}>{t("back")}</Link>
      </p>
      <PageHeading title={t("title")}>
        <p>{t("intro")}</p>
      </PageHeading>
      {accounts.length === 0 ? (
        <p className={card}>{t("empty")}</p>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm">
          <table className="min-w-full divide-y divide-slate-200 text-left text-sm">
            <caption className="sr-only">{t("caption")}</caption>
            <thead className="bg-slate-50">
              <tr>
                <th scope="col" className="px-3 py-2 font-semibold">{t("name")}</th>
                <th scope="col" className="px-3 py-2 font-semibold">{t("pending")}</th>
                <th scope="col" className="px-3 py-2 font-semibold">{t("members")}</th>
                <th scope="col" className="px-3 py-2 font-semibold">{t("actions")}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {accounts.map((account) => (
                <tr key={account.id}>
                  <th scope="row" className="px-3 py-2 font-medium">{account.name}</th>
                  <td className="px-3 py-2">{account.pending}</td>
                  <td className="px-3 py-2">{account.members}</td>
                  <td className="px-3 py-2">
                    <div className="flex flex-wrap gap-x-4 gap-y-1">
                      <Link href={`/admin/requests?account=${encodeURIComponent(account.id)}`} className={linkText}>
                        {t("viewRequests", { account: account.name })}
                      </Link>
                      <Link href={`/admin/accounts/${encodeURIComponent(account.id)}/members`} className={linkText}>
                        {t("viewMembers", { account: account.name })}
                      </Link>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
